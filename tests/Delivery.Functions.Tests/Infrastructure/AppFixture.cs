using Microsoft.Azure.Cosmos;

namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>
/// One running app for the whole test assembly, on a database of its own, firing its own queue and timer triggers
/// as it does standalone. Tests that need other settings start extra apps with triggers off, so only this one
/// consumes the shared queues.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public string DatabaseName { get; } = "test-" + Guid.NewGuid().ToString("N")[..12];

    public RunningApp App { get; private set; } = null!;

    public MaildevInbox Inbox { get; } = new();

    public Database Database => App.Services.GetRequiredService<Database>();

    public Dictionary<string, string?> Settings(Dictionary<string, string?>? overrides = null)
    {
        var settings = TestSettings.Local(DatabaseName);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task InitializeAsync() =>
        App = await RunningApp.StartAsync(Settings(new Dictionary<string, string?> { ["Triggers:RunLocally"] = "true" }));

    public async Task DisposeAsync()
    {
        await App.App.StopAsync();
        await Database.DeleteAsync();
        await App.DisposeAsync();
        Inbox.Dispose();
    }
}

/// <summary>Every test class that talks to the app shares the one <see cref="AppFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
