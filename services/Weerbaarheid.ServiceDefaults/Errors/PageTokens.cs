using System.Buffers.Text;
using System.Text;

namespace Weerbaarheid.ServiceDefaults.Errors;

/// <summary>
/// Opaque page tokens: the last key of a page, bound to the query it came from (its
/// <c>fingerprint</c>), so a token reused with other filters is refused rather than silently wrong.
/// </summary>
public static class PageTokens
{
    public static string Encode(string fingerprint, string lastKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{fingerprint}\n{lastKey}"));

    /// <summary>
    /// A page from up to <paramref name="size"/> + 1 items fetched in order: the extra item only tells that
    /// another page exists, and the token continues after the last item shown.
    /// </summary>
    public static (IReadOnlyList<T> Items, string NextPageToken) Page<T>(IReadOnlyList<T> fetched, int size, Func<T, string> key, string fingerprint) =>
        fetched.Count > size ? (fetched.Take(size).ToList(), Encode(fingerprint, key(fetched[size - 1]))) : (fetched, "");

    /// <summary>The key to continue after, or null with a violation on <c>page_token</c>.</summary>
    public static string? Decode(string token, string fingerprint, Validation validation)
    {
        if (token.Length == 0)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('\n');
            if (parts.Length == 2 && parts[0] == fingerprint && parts[1].Length > 0)
            {
                return parts[1];
            }
        }
        catch (FormatException)
        {
        }

        validation.Add("page_token", "Not a page token of this list with these filters; start again without it.");
        return null;
    }
}
