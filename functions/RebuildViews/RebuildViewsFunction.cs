using Delivery.Workflows.Views;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.RebuildViews;

/// <summary>
/// The <c>RebuildViews</c> function: <c>POST /api/admin/rebuild-views</c>, for an administrator, rebuilds the
/// portfolio and everyone's tasks from the project partitions (<see cref="ViewRebuilder"/>) and says what it
/// went through. Views are kept current as documents change; this is the repair for a view that was lost.
/// </summary>
public sealed class RebuildViewsFunction(ViewRebuilder rebuilder)
{
    public const string Name = nameof(RebuildViews);

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/rebuild-views")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (Problems.UnlessAdmin(req.HttpContext.User, "rebuild the views") is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(await rebuilder.RebuildAsync(cancellationToken));
    }
}
