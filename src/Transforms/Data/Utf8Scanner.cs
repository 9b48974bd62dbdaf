using System.Buffers;
using System.Text;

namespace Dupn.MLNet.Transforms.Data;

/// <summary>Finds the first byte of a file that is not valid UTF-8, with its 1-based line, for error messages.</summary>
internal static class Utf8Scanner
{
    /// <summary>The first invalid byte (its line, 0-based offset and value), or null when the file is valid UTF-8.</summary>
    public static (long Line, long Offset, byte Value)? FindInvalid(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        int carry = 0;
        long offset = 0, line = 1;
        while (true)
        {
            int read = stream.Read(buffer, carry, buffer.Length - carry);
            int length = carry + read;
            bool end = read == 0;
            if (length == 0)
                return null;
            var span = buffer.AsSpan(0, length);
            int i = 0;
            while (i < span.Length)
            {
                var status = Rune.DecodeFromUtf8(span[i..], out _, out int consumed);
                if (status == OperationStatus.NeedMoreData && !end)
                    break; // a sequence cut by the buffer end: decode it with the next read
                if (status != OperationStatus.Done)
                    return (line, offset + i, span[i]);
                if (span[i] == (byte)'\n')
                    line++;
                i += consumed;
            }
            if (end)
                return null;
            carry = length - i;
            span[i..].CopyTo(buffer);
            offset += i;
        }
    }
}
