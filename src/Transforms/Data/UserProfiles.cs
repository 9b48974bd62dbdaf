namespace Dupn.MLNet.Transforms.Data;

/// <summary>The categorical profile columns of users.csv, by user.</summary>
public sealed class UserProfiles
{
    private readonly Dictionary<string, string[]> _rows;

    public UserProfiles(IReadOnlyList<string> columns, Dictionary<string, string[]> rows)
    {
        Columns = columns;
        _rows = rows;
    }

    /// <summary>No profile columns (a dataset without users.csv).</summary>
    public static UserProfiles Empty { get; } = new([], new Dictionary<string, string[]>(StringComparer.Ordinal));

    /// <summary>The profile column names (after user_id), in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of users with a profile.</summary>
    public int Count => _rows.Count;

    /// <summary>All users' values, for counting vocabularies.</summary>
    public IEnumerable<KeyValuePair<string, string[]>> Rows => _rows;

    /// <summary>The user's values, one per column; null when the user has no row (every column is then missing).</summary>
    public string[]? Get(string userId) => _rows.TryGetValue(userId, out var v) ? v : null;
}
