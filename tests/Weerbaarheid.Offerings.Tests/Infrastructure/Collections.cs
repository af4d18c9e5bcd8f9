namespace Weerbaarheid.Offerings.Tests.Infrastructure;

/// <summary>One host with the seeded catalogue, shared by the test classes that only read it.</summary>
[CollectionDefinition(Name)]
public sealed class SeededCatalogue : ICollectionFixture<OfferingsHost>
{
    public const string Name = "Seeded catalogue, read only";
}

/// <summary>
/// One host shared by the test classes that change the catalogue. They only change offerings they create
/// themselves (unique slugs), so they do not disturb each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EditedCatalogue : ICollectionFixture<OfferingsHost>
{
    public const string Name = "Catalogue with edits";
}
