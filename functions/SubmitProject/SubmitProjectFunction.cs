using Delivery.Functions.App.Settings;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.SubmitProject;

/// <summary>The <c>SubmitProject</c> function: <c>POST /api/projects</c> (see <see cref="SubmitProjectEndpoint"/>).</summary>
public sealed class SubmitProjectFunction(IOptions<IntakeSettings> intake, ProjectIntake projects)
{
    public const string Name = nameof(SubmitProject);

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects")] HttpRequest req, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return SubmitProjectEndpoint.HandleAsync(client, req.HttpContext, intake, projects, cancellationToken);
    }
}
