using Delivery.Functions.App.Settings;
using Delivery.Functions.App.Storage;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.SubmitProject;

/// <summary>The <c>SubmitProject</c> function: <c>POST /api/projects</c> (see <see cref="SubmitProjectEndpoint"/>).</summary>
public sealed class SubmitProjectFunction(
    IOptions<IntakeSettings> intake, ProjectRepository projects, AttachmentStore attachments, AppQueues queues, TimeProvider clock)
{
    public const string Name = nameof(SubmitProject);

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return SubmitProjectEndpoint.HandleAsync(req.HttpContext, intake, projects, attachments, queues, clock, cancellationToken);
    }
}
