namespace Weerbaarheid.ServiceDefaults.Errors;

// Domain code throws these; ErrorMappingInterceptor turns them into gRPC status codes with details, so
// domain classes never see gRPC or ASP.NET types.

/// <summary>One invalid input field, named by its path in the request (e.g. <c>offering.title.nl</c>).</summary>
public sealed record FieldViolation(string Field, string Description);

public abstract class DomainException(string message) : Exception(message);

/// <summary>The input is invalid; carries every bad field, so a client can fix them all in one go.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldViolation> violations)
    : DomainException(string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
}

/// <summary>The named resource does not exist.</summary>
public sealed class NotFoundException(string resourceName) : DomainException($"{resourceName} does not exist.")
{
    public string ResourceName { get; } = resourceName;
}

/// <summary>A resource with that name exists already.</summary>
public sealed class AlreadyExistsException(string resourceName) : DomainException($"{resourceName} already exists.")
{
    public string ResourceName { get; } = resourceName;
}

/// <summary>The caller's etag is stale: someone else changed the resource first.</summary>
public sealed class EtagMismatchException(string resourceName)
    : DomainException($"{resourceName} was changed by someone else; read it again and retry with the new etag.")
{
    public string ResourceName { get; } = resourceName;
}

/// <summary>
/// The caller is signed in with a fitting role but may not act on this resource (e.g. a coordinator of
/// another region). Role checks themselves are [Authorize] attributes.
/// </summary>
public sealed class PermissionDeniedException(string message) : DomainException(message);

/// <summary>
/// The request is valid but the resource (or the caller) is not in a state that allows it. The violations,
/// when given, name each unmet condition (a google.rpc.PreconditionFailure), e.g. every eligibility rule
/// an applicant does not meet.
/// </summary>
public sealed class PreconditionFailedException(string message, IReadOnlyList<PreconditionViolation>? violations = null)
    : DomainException(message)
{
    public IReadOnlyList<PreconditionViolation> Violations { get; } = violations ?? [];
}

/// <summary>One unmet condition: its kind (e.g. <c>ELIGIBILITY</c>), what it concerns, and why.</summary>
public sealed record PreconditionViolation(string Type, string Subject, string Description);

/// <summary>Collects field violations; throws them all at once.</summary>
public sealed class Validation
{
    private readonly List<FieldViolation> _violations = [];

    public bool IsValid => _violations.Count == 0;
    public IReadOnlyList<FieldViolation> Violations => _violations;

    public Validation Add(string field, string description)
    {
        _violations.Add(new FieldViolation(field, description));
        return this;
    }

    /// <summary>Adds a violation when <paramref name="condition"/> is false.</summary>
    public Validation Require(bool condition, string field, string description) =>
        condition ? this : Add(field, description);

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ValidationFailedException(_violations.ToArray());
        }
    }
}
