using Weerbaarheid.Testing;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A test that needs PostgreSQL, treated like the PostgreSQL rows of every other project's database tests
/// (<see cref="TestDatabase"/>): left out when <c>WEERBAARHEID_SKIP_POSTGRES=1</c>; otherwise it runs, and
/// <see cref="TestDatabase.CreateAsync"/> fails with how to start a server when
/// <c>WEERBAARHEID_TEST_POSTGRES</c> is not set (tests/postgres-setup.sh).
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(TestDatabase.SkipPostgresVariable) == "1")
        {
            Skip = $"{TestDatabase.SkipPostgresVariable}=1: the PostgreSQL tests are left out.";
        }
    }
}
