namespace Delivery.Infra.Tests;

/// <summary>One compiled template shared by every test class that reads it: the script runs once, never twice at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ArmTemplateCollection : ICollectionFixture<ArmTemplate>
{
    public const string Name = "ARM template";
}
