using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Workflows.Views;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.MyTasks;

/// <summary>What the My tasks page shows: the person's tasks, oldest first, and today for what is overdue.</summary>
public sealed record MyTasksModel(IReadOnlyList<PersonTask> Tasks, DateTimeOffset Now);

/// <summary>
/// The <c>MyTasks</c> function: <c>GET /api/tasks</c>, everything waiting for the signed-in person, read from their
/// own partition of the views container (one single-partition query).
/// </summary>
public sealed class MyTasksFunction(TaskView tasks, PageRenderer pages, TimeProvider clock)
{
    public const string Name = nameof(MyTasks);

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tasks")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var mine = await tasks.ListAsync(req.HttpContext.User.UserId(), cancellationToken);
        return await pages.PageAsync<MyTasksPage, MyTasksModel>(req.HttpContext, new MyTasksModel(mine, clock.GetUtcNow()));
    }
}
