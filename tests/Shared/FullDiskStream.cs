namespace Dupn.MLNet.Tests;

/// <summary>A write-only stream that passes <c>limit</c> bytes through to <c>inner</c>, then fails like a full disk.</summary>
internal sealed class FullDiskStream(Stream inner, long limit) : Stream
{
    private long _written;
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _written;
    public override long Position { get => _written; set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        int allowed = (int)Math.Max(0, Math.Min(count, limit - _written));
        inner.Write(buffer, offset, allowed);
        _written += allowed;
        if (allowed < count)
            throw new IOException("No space left on device (simulated).");
    }
}
