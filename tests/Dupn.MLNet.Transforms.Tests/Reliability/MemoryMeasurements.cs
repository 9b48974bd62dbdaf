namespace Dupn.MLNet.Tests.Reliability;

/// <summary>
/// Tests that measure process memory run alone: xunit runs other test classes in parallel by default,
/// and their allocations would show up in the measurement.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    public const string Name = "Memory measurements";
}
