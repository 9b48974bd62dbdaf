#!/usr/bin/env bash
# Runs the notebooks headless against freshly packed packages, as the notebook tests do, and saves
# each code cell's outputs (text, images, execution counts) into the .ipynb files, so that they show
# on a repository page. Re-run it after changing a notebook; the notebook tests fail until you do.
#
#   notebooks/run-and-save.sh                  # every notebook
#   notebooks/run-and-save.sh 03-embed         # the notebooks whose name contains 03-embed
#
# A notebook whose run fails is left as it was. Plain `dotnet test` never writes the notebooks.
set -euo pipefail
cd "$(dirname "$0")/.."

filter="FullyQualifiedName~NotebookTests.RunsEveryCell"
if [ "$#" -gt 0 ]; then
    names=""
    for name in "$@"; do
        name="${name%.ipynb}"
        names="${names:+$names|}DisplayName~${name##*/}"
    done
    filter="$filter&($names)"
fi

# The test packs the libraries without building them: build them, every target framework, first.
dotnet build src/Transforms/Dupn.MLNet.Transforms.csproj
dotnet build src/Export/Dupn.MLNet.Export.csproj
dotnet build tests/Dupn.MLNet.Notebooks.Tests/Dupn.MLNet.Notebooks.Tests.csproj

DUPN_WRITE_NOTEBOOK_OUTPUTS=1 dotnet test tests/Dupn.MLNet.Notebooks.Tests/Dupn.MLNet.Notebooks.Tests.csproj \
    --no-build --filter "$filter" --logger "console;verbosity=normal"

# The committed-notebook checks (every code cell has outputs of its current code, the plots have images).
dotnet test tests/Dupn.MLNet.Notebooks.Tests/Dupn.MLNet.Notebooks.Tests.csproj --no-build \
    --filter "FullyQualifiedName~NotebookOutputsTests"

git status --short -- notebooks
