using Delivery.Functions.App;
using Delivery.Functions.App.Hosting;
using Delivery.Functions.App.Settings;

try
{
    // One app, two hosts: the Functions host (isolated worker) when it started us, else the standalone web app.
    if (FunctionsHost.StartedTheProcess(args))
    {
        await WorkerApp.Build(args).RunAsync();
    }
    else
    {
        await DeliveryApp.Build(args).RunAsync();
    }

    return 0;
}
catch (SettingsException ex)
{
    // One clear line naming the bad settings, not a stack trace.
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}
