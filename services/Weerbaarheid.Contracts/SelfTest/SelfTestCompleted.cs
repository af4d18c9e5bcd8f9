namespace Weerbaarheid.Contracts.SelfTest;

/// <summary>
/// A self-test was finished. Deliberately carries nothing that could point to a person: the instrument
/// id (e.g. "phq-9"), the band id and the ISO week (e.g. "2026-W48"). SelfTest releases these in
/// shuffled batches, so not even the moment of publishing ties a band to a request.
/// </summary>
public sealed record SelfTestCompleted(string Instrument, string Band, string IsoWeek);
