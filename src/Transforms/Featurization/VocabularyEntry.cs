namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>One id of a vocabulary with its training count and network index.</summary>
public readonly record struct VocabularyEntry(string Id, long Count, int Index);
