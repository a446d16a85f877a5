using Delivery.Functions.App;
using Delivery.Functions.App.Settings;

try
{
    var app = DeliveryApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (SettingsException ex)
{
    // One clear line naming the bad settings, not a stack trace.
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}
