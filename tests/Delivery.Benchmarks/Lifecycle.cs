using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Benchmarks;

/// <summary>Latencies gathered over a set of lifecycles.</summary>
internal sealed class LifecycleTimes
{
    public Samples Intake { get; } = new();

    public Samples IntakeToReceipt { get; } = new();

    public Samples SubmitToFirstApproverEmail { get; } = new();

    public Samples DecisionToNextApproverEmail { get; } = new();

    public Samples EndToEnd { get; } = new();

    public int Failures;
}

/// <summary>
/// (3) The reference workflow through the app's HTTP API as a user would: rita requests a project (£60,000, band
/// "role:LineManager; role:Finance"), saves and submits the business case; Lee (line manager) and then Farah
/// (finance) approve through <c>POST /api/approvals/{stepId}/decision</c>, finding the step id in the emailed link.
/// Complete when the requester's "Project approved" email arrives.
/// </summary>
internal sealed partial class Lifecycle(RunningApp app, MailWatcher mail, Func<string, string> emailOf)
{
    public const decimal Cost = 60_000m;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public async Task<TimeSpan> RunManyAsync(int count, int concurrency, LifecycleTimes times)
    {
        var next = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                try
                {
                    await RunOnceAsync(times);
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref times.Failures);
                    Console.Error.WriteLine($"  lifecycle failed: {e.GetType().Name}: {e.Message}");
                }
            }
        }));
        return stopwatch.Elapsed;
    }

    public async Task<string> IntakeAsync(LifecycleTimes times, HttpClient rita, ProjectRequestBuilder request)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await rita.PostAsync("/api/projects", request.ToJsonContent());
        times.Intake.AddSince(start);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/projects: {(int)response.StatusCode}");
        }

        return response.Headers.Location!.ToString().Split('/')[^1];
    }

    private async Task RunOnceAsync(LifecycleTimes times)
    {
        // The title carries this run's tag (every email's subject names the project), so the watcher keeps (and later
        // deletes) only this run's emails; the requester is rita, whoever she is signed in as.
        var marker = emailOf($"rita-{Guid.NewGuid().ToString("N")[..8]}");
        var request = new ProjectRequestBuilder().With("estimatedCost.capital", Cost).With("estimatedCost.revenue", 0).With("title", $"Laptop refresh {marker}");
        using var rita = app.ClientAs("rita");
        using var admin = app.ClientAs("admin-ada");
        using var lee = app.ClientAs("line-lee");
        using var farah = app.ClientAs("fin-farah");

        var start = Stopwatch.GetTimestamp();
        var projectId = await IntakeAsync(times, rita, request);
        var receipt = mail.WaitAsync(m => m.Subject.Contains(marker, StringComparison.Ordinal) && m.Subject.StartsWith("Project request received", StringComparison.Ordinal), Timeout);
        await StageAsync(admin, projectId, "BusinessCase");

        using (var put = await rita.PutAsJsonAsync($"/api/projects/{projectId}/business-case", BusinessCaseBuilder.Complete(Cost)))
        {
            Check(put, HttpStatusCode.OK, "PUT business case");
        }

        var submitted = Stopwatch.GetTimestamp();
        using (var submit = await rita.PostAsync($"/api/projects/{projectId}/business-case/submit", null))
        {
            Check(submit, HttpStatusCode.Accepted, "submit");
        }

        var first = await ApprovalEmailAsync("line-lee", projectId);
        times.SubmitToFirstApproverEmail.Add(Stopwatch.GetElapsedTime(submitted, first.SeenAt).TotalMilliseconds);
        var decided = Stopwatch.GetTimestamp();
        await DecideAsync(lee, StepId(first));
        var second = await ApprovalEmailAsync("fin-farah", projectId);
        times.DecisionToNextApproverEmail.Add(Stopwatch.GetElapsedTime(decided, second.SeenAt).TotalMilliseconds);
        await DecideAsync(farah, StepId(second));
        await mail.WaitAsync(m => m.Subject.Contains(marker, StringComparison.Ordinal) && m.Subject.StartsWith("Project approved", StringComparison.Ordinal) && m.To.Any(t => t.Address == "rita.patel@example.gov.uk"), Timeout);
        times.EndToEnd.AddSince(start);
        times.IntakeToReceipt.Add(Stopwatch.GetElapsedTime(start, (await receipt).SeenAt).TotalMilliseconds);
    }

    private Task<SeenMail> ApprovalEmailAsync(string approver, string projectId)
    {
        var address = emailOf(approver);
        return mail.WaitAsync(m => m.To.Any(t => t.Address == address) && m.Subject.StartsWith("Approval needed", StringComparison.Ordinal)
            && m.Text?.Contains(projectId, StringComparison.Ordinal) == true, Timeout);
    }

    private static string StepId(SeenMail email) => new Uri(LinkPattern().Match(email.Mail.Text!).Value).AbsolutePath.Split('/')[3];

    private static async Task DecideAsync(HttpClient approver, string stepId)
    {
        using var response = await approver.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision = "approve" });
        Check(response, HttpStatusCode.OK, $"decision on {stepId}");
    }

    private static async Task StageAsync(HttpClient admin, string projectId, string stage)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while ((await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}")).GetProperty("stage").GetString() != stage)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Project {projectId} did not reach {stage}.");
            }

            await Task.Delay(50);
        }
    }

    private static void Check(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode}, expected {(int)expected}");
        }
    }

    [GeneratedRegex(@"http://localhost:7071/api/approvals/\S+")]
    private static partial Regex LinkPattern();
}
