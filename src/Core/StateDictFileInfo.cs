namespace Dupn.MLNet;

/// <summary>What a state-dict file records about itself.</summary>
/// <param name="FormatVersion">The file format (1 or 2).</param>
/// <param name="LibraryVersion">The Dupn.MLNet version that wrote it ("unknown (format 1)" for format 1 files).</param>
/// <param name="Architecture">The architecture the weights belong to, when the writer gave it.</param>
public sealed record StateDictFileInfo(int FormatVersion, string LibraryVersion, DupnArchitecture? Architecture);
