using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.WithdrawProject;

/// <summary>The <c>WithdrawProject</c> function: <c>POST /api/projects/{id}/withdraw</c> (see <see cref="WithdrawProjectEndpoint"/>).</summary>
public sealed class WithdrawProjectFunction(LifecycleCommands lifecycle, InputLimits limits)
{
    public const string Name = nameof(WithdrawProject);

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/withdraw")] HttpRequest req, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return WithdrawProjectEndpoint.HandleAsync(client, id, req, req.HttpContext.User, lifecycle, limits, cancellationToken);
    }
}
