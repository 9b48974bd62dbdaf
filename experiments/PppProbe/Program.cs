// How much purchasing power a fixed set of features holds: fits ML.NET's multinomial logistic
// regression and LightGbm on the PPP training rows and scores the test rows. The features are a CSV
// in the layout `dupn embed` writes (user_id, timestamp, e0..), one row per row of the task file:
// a trained model's rep (`dupn embed --task ppp --split train|test`) or experiments/ppp_features.py.
//
// A linear probe on a trained model's [u ; c] says whether its PPP head or its representation
// limits it: if the probe does no better than the head, more head training cannot help.
//
//   dotnet run -c Release --project experiments/PppProbe -- TRAIN.csv TEST.csv DATA_DIR [COLUMNS]
//
// COLUMNS picks the features, as comma-separated half-open ranges of e-indices ("128:256,320:432");
// by default every column.
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

if (args.Length is < 3 or > 4)
{
    Console.Error.WriteLine("usage: PppProbe TRAIN.csv TEST.csv DATA_DIR [FROM:TO,...]");
    return 2;
}

var (trainPath, testPath, data) = (args[0], args[1], args[2]);
var ranges = args.Length > 3 ? ParseRanges(args[3]) : null;
var train = ReadRows(trainPath, Path.Combine(data, "ppp.train.csv"), ranges);
var test = ReadRows(testPath, Path.Combine(data, "ppp.test.csv"), ranges);
int width = train[0].Features.Length;
Console.WriteLine($"{train.Length} training rows, {test.Length} test rows, {width} features");

var ml = new MLContext(seed: 1);
var schema = SchemaDefinition.Create(typeof(ProbeRow));
schema[nameof(ProbeRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
var trainView = ml.Data.LoadFromEnumerable(train, schema);
var testView = ml.Data.LoadFromEnumerable(test, schema);

var learners = new (string Name, IEstimator<ITransformer> Trainer)[]
{
    ("logistic regression, L2 1e-2", ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l1Regularization: 0, l2Regularization: 1e-2f)),
    ("logistic regression, L1 1",    ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l1Regularization: 1, l2Regularization: 1e-2f)),
    ("LightGbm",                     ml.MulticlassClassification.Trainers.LightGbm()),
};
foreach (var (name, trainer) in learners)
{
    var model = ml.Transforms.Conversion.MapValueToKey(nameof(ProbeRow.Label))
        .Append(ml.Transforms.NormalizeMeanVariance(nameof(ProbeRow.Features)))
        .Append(trainer)
        .Fit(trainView);
    var metrics = ml.MulticlassClassification.Evaluate(model.Transform(testView));
    Console.WriteLine($"  {name,-30} accuracy {100 * metrics.MicroAccuracy:F2} %, log loss {metrics.LogLoss:F4}");
}
return 0;

// Features from featuresPath, labels from the task file; row n of one must be row n of the other.
static ProbeRow[] ReadRows(string featuresPath, string taskPath, (int From, int To)[]? ranges)
{
    using var labels = File.OpenText(taskPath);
    var header = labels.ReadLine()?.Split(',') ?? throw new InvalidDataException($"{taskPath} is empty");
    int userColumn = Array.IndexOf(header, "user_id"), timeColumn = Array.IndexOf(header, "timestamp"), levelColumn = Array.IndexOf(header, "level");
    if (userColumn < 0 || timeColumn < 0 || levelColumn < 0)
        throw new InvalidDataException($"{taskPath} needs the columns user_id, timestamp and level; it has {string.Join(',', header)}");

    var rows = new List<ProbeRow>();
    int line = 1;
    foreach (var text in File.ReadLines(featuresPath).Skip(1))
    {
        line++;
        var fields = text.Split(',');
        var task = labels.ReadLine()?.Split(',')
            ?? throw new InvalidDataException($"{featuresPath} has more rows than {taskPath} (line {line})");
        if (fields[0] != task[userColumn] || fields[1] != task[timeColumn])
            throw new InvalidDataException(
                $"{featuresPath} line {line} is ({fields[0]}, {fields[1]}) but {taskPath} line {line} is ({task[userColumn]}, {task[timeColumn]}): write the features for the same split, in its order");
        var values = fields[2..];
        var features = (ranges ?? [(0, values.Length)])
            .SelectMany(r => r.To <= values.Length
                ? values[r.From..r.To]
                : throw new InvalidDataException($"{featuresPath} line {line} has {values.Length} features; the range {r.From}:{r.To} is outside it"))
            .Select(v => float.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out float x)
                ? x
                : throw new InvalidDataException($"{featuresPath} line {line} has '{v}' where a number belongs"))
            .ToArray();
        rows.Add(new ProbeRow { Features = features, Label = task[levelColumn] });
    }
    if (labels.ReadLine() is not null)
        throw new InvalidDataException($"{taskPath} has more rows than {featuresPath} ({rows.Count})");
    if (rows.Count == 0)
        throw new InvalidDataException($"{featuresPath} has no rows");
    return rows.ToArray();
}

static (int From, int To)[] ParseRanges(string text) =>
    text.Split(',').Select(part =>
    {
        var ends = part.Split(':');
        if (ends.Length != 2 || !int.TryParse(ends[0], out int from) || !int.TryParse(ends[1], out int to) || from < 0 || to <= from)
            throw new ArgumentException($"'{part}' in the columns '{text}' is not a range FROM:TO with 0 <= FROM < TO");
        return (from, to);
    }).ToArray();

sealed class ProbeRow
{
    public float[] Features { get; set; } = [];
    public string Label { get; set; } = "";
}
