namespace Dupn.MLNet.Transforms.Conversion;

/// <summary>One behaviour of a converted log, in dataset-format terms.</summary>
internal sealed record LogEvent(string User, long Time, string Item, string Category, string Shop, string Brand, string Tags, string Type, string Scene);
