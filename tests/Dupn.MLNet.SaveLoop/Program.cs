using System.Globalization;
using Dupn.MLNet;
using Dupn.MLNet.Trainers;

// Usage: Dupn.MLNet.SaveLoop TEMPLATE TARGET FIRST [COUNT]
// Saves versions FIRST, FIRST+1, ... of the model in TEMPLATE over the folder TARGET (COUNT of
// them, or until killed). Version k is the template with k added to every weight and
// "version" = k in model.json, so a reader can tell exactly which version it got and check that
// weights and manifest belong together. Prints "saving k" before and "saved k" after each save.
if (args.Length is < 3 or > 4)
{
    Console.Error.WriteLine("usage: Dupn.MLNet.SaveLoop TEMPLATE TARGET FIRST [COUNT]");
    return 2;
}
var template = DupnModel.Load(args[0]);
string target = args[1];
int first = int.Parse(args[2], CultureInfo.InvariantCulture);
long count = args.Length == 4 ? long.Parse(args[3], CultureInfo.InvariantCulture) : long.MaxValue;

for (long i = 0; i < count; i++)
{
    int version = checked(first + (int)i);
    Console.WriteLine($"saving {version}");
    Version(template, version).Save(target);
    Console.WriteLine($"saved {version}");
}
return 0;

static DupnModel Version(DupnModel template, int version)
{
    var weights = new StateDict();
    foreach (string name in template.Weights.Names)
    {
        var tensor = template.Weights[name];
        weights.Add(name, tensor.Shape, tensor.Values.Select(v => v + version).ToArray());
    }
    var info = template.Info with
    {
        Training = new Dictionary<string, string> { ["version"] = version.ToString(CultureInfo.InvariantCulture) },
    };
    return new DupnModel(template.Architecture, template.Featurizer, weights, info);
}
