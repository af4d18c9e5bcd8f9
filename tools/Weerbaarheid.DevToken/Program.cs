using System.Globalization;
using Weerbaarheid.ServiceDefaults.Auth;

// Mints a development token: only the token goes to stdout, so `TOKEN=$(...)` just works.
// Hosts accept it only with ASPNETCORE_ENVIRONMENT=Development and no OIDC authority configured.
const string Usage = """
    Usage: dotnet run --project tools/Weerbaarheid.DevToken -- --role <role> [--role <role> ...] --sub <subject> [--region <region>] [--hours <hours>]

      --role    a role the token carries (repeatable)
      --sub     the subject (user id) of the token; for TCO members and coordinators their employee number
      --region  the region a TCO coordinator or member works in, e.g. amsterdam, zeeland-west-brabant
      --hours   lifetime in hours (default 8)
    """;

var roles = new List<string>();
string? subject = null;
string? region = null;
var hours = 8.0;

for (var i = 0; i < args.Length; i++)
{
    var (name, inlineValue) = SplitOption(args[i]);
    if (name is "-h" or "--help")
    {
        Console.WriteLine(Usage);
        return 0;
    }

    if (name is not ("--role" or "--sub" or "--region" or "--hours"))
    {
        return Fail($"unknown argument '{args[i]}'.");
    }

    var value = inlineValue ?? (i + 1 < args.Length ? args[++i] : null);
    if (string.IsNullOrWhiteSpace(value))
    {
        return Fail($"{name} needs a value.");
    }

    switch (name)
    {
        case "--role":
            if (!Roles.All.Contains(value, StringComparer.Ordinal))
            {
                return Fail($"unknown role '{value}'. Valid roles: {string.Join(", ", Roles.All)}.");
            }

            if (!roles.Contains(value, StringComparer.Ordinal))
            {
                roles.Add(value);
            }

            break;
        case "--sub":
            subject = value;
            break;
        case "--region":
            region = value;
            break;
        case "--hours":
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out hours) || hours <= 0 || hours > 24 * 30)
            {
                return Fail($"--hours must be a number of hours above 0 and at most {24 * 30}, not '{value}'.");
            }

            break;
    }
}

if (subject is null)
{
    return Fail("--sub is required.");
}

if (roles.Count == 0)
{
    return Fail($"at least one --role is required. Valid roles: {string.Join(", ", Roles.All)}.");
}

Console.WriteLine(DevelopmentTokens.Mint(subject, roles, TimeSpan.FromHours(hours), region: region));
return 0;

static (string Name, string? Value) SplitOption(string argument)
{
    var equals = argument.IndexOf('=', StringComparison.Ordinal);
    return argument.StartsWith("--", StringComparison.Ordinal) && equals > 0
        ? (argument[..equals], argument[(equals + 1)..])
        : (argument, null);
}

static int Fail(string message)
{
    Console.Error.WriteLine($"devtoken: {message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
