namespace Dupn.MLNet.Examples.Tests;

/// <summary>The examples run one at a time: each trains with the machine's cores, and SplitServing times itself.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExamplesCollection
{
    public const string Name = "examples";
}
