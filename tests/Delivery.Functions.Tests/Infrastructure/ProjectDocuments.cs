using Delivery.Functions.SubmitProject;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>
/// Looks up what intake stored. Requests carry an Idempotency-Key, so the project id is known in advance and a
/// point read proves whether anything was written (the local server has no cross-partition queries, and its change
/// feed is unreliable while other test runs create and drop databases).
/// </summary>
public static class ProjectDocuments
{
    public static Task<ProjectDocument?> StoredAsync(AppFixture fixture, string devPersonId, string idempotencyKey) =>
        fixture.App.Services.GetRequiredService<ProjectRepository>()
            .GetAsync(ProjectIdentity.NewId(devPersonId, idempotencyKey), CancellationToken.None);

    public static HttpRequestMessage Post(HttpContent content, string idempotencyKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/projects") { Content = content };
        message.Headers.Add("Idempotency-Key", idempotencyKey);
        return message;
    }
}
