using Delivery.Functions.App.Settings;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed class SettingsTests(AppFixture fixture)
{
    [Theory]
    [InlineData("Cosmos:Endpoint", null, "Cosmos__Endpoint")]
    [InlineData("Cosmos:Endpoint", "not a uri", "Cosmos__Endpoint")]
    [InlineData("Email:FromAddress", "nobody", "Email__FromAddress")]
    [InlineData("Email:SmtpPort", "seventy", "Email__SmtpPort")]
    [InlineData("Storage:ConnectionString", null, "Storage__ConnectionString")]
    [InlineData("App:PublicBaseUrl", null, "App__PublicBaseUrl")]
    [InlineData("Intake:MaxAttachments", "99", "Intake__MaxAttachments")]
    [InlineData("Triggers:MaxDequeueCount", "five", "Triggers__MaxDequeueCount")]
    [InlineData("Triggers:MaxPollInterval", "a second", "Triggers__MaxPollInterval")]
    public async Task A_missing_or_malformed_setting_stops_start_up_with_a_message_naming_it(string key, string? value, string named)
    {
        var settings = fixture.Settings();
        settings[key] = value;

        var error = await Assert.ThrowsAsync<SettingsException>(() => RunningApp.StartAsync(settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_settings_values_use_double_underscores_for_nesting()
    {
        var path = Path.Combine(Repository.Root(), "local.settings.sample.json");

        var values = LocalSettingsFile.ReadValues(path);

        Assert.Equal("https://127.0.0.1:8081/", values["Cosmos:Endpoint"]);
        Assert.Equal("1025", values["Email:SmtpPort"]);
    }
}
