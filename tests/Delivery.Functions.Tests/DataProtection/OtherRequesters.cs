using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.DataProtection;

/// <summary>Projects requested by someone other than Rita, so a test can show what happens to one person and not another.</summary>
internal static class OtherRequesters
{
    /// <summary>
    /// Submits the standard request under the title, signed in as the person, and waits for it to ask for its business
    /// case and for that stage change to be audited (the audit entry follows the stage), so its partition is at rest.
    /// </summary>
    public static async Task<string> RequestedByAsync(this ApprovalApp app, string personId, string title)
    {
        using var client = app.As(personId);
        using var response = await client.PostAsync("/api/projects", new ProjectRequestBuilder().With("title", title).ToJsonContent());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var projectId = response.Headers.Location!.ToString().Split('/')[^1];
        await app.AtRestInAsync(projectId, "BusinessCase");
        return projectId;
    }

    /// <summary>Waits until the project is in the stage and that stage change is audited (the audit entry follows the stage).</summary>
    public static async Task AtRestInAsync(this ApprovalApp app, string projectId, string stage)
    {
        await app.StageAsync(projectId, stage);
        using var admin = app.As("admin-ada");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit")).EnumerateArray()
            .Any(e => e.GetProperty("action").GetString() == "StageChanged" && e.GetProperty("subject").GetString() == stage))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The change of {projectId} to {stage} was never audited.");
            await Task.Delay(50);
        }
    }
}
