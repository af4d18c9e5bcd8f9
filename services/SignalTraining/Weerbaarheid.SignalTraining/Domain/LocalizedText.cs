namespace Weerbaarheid.SignalTraining.Domain;

/// <summary>Text in both languages of the programme: Dutch first, English for colleagues who prefer it.</summary>
public sealed record LocalizedText(string Nl, string En)
{
    public bool IsComplete => !string.IsNullOrWhiteSpace(Nl) && !string.IsNullOrWhiteSpace(En);
}
