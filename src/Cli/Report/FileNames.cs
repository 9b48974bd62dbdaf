using System.Text;

namespace Dupn.MLNet.Cli.Report;

/// <summary>Safe, readable PNG names from task and user names ("CTR" -> "ctr", "user #7" -> "user-7").</summary>
internal static class FileNames
{
    public static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (char ch in text.ToLowerInvariant())
        {
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(ch);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        string result = slug.ToString().Trim('-');
        if (result.Length > 40)
        {
            result = result[..40].Trim('-');
        }

        return result.Length == 0 ? "x" : result;
    }
}
