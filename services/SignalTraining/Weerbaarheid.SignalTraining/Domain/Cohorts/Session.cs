using NodaTime;

namespace Weerbaarheid.SignalTraining.Domain.Cohorts;

public enum SessionKind
{
    TrainingDay = 1,
    SupervisionDay = 2,
}

/// <summary>
/// One day (or part of one) of a cohort, in Amsterdam time. Training days with the same <see cref="Block"/>
/// form a block that cannot be taken separately; a supervision day is outside the blocks (block 0).
/// </summary>
public sealed record Session(string Id, LocalDate Date, LocalTime Start, LocalTime End, SessionKind Kind, int Block, string? Location)
{
    public Interval Interval(DateTimeZone zone) =>
        new(Date.At(Start).InZoneLeniently(zone).ToInstant(), Date.At(End).InZoneLeniently(zone).ToInstant());
}
