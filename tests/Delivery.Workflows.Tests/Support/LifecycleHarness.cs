using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Delivery.Workflows.Tests.Support;

/// <summary>
/// The workflows on the Durable Task SDK's in-process test host (in-memory engine) with their data in a fresh
/// database on the local Cosmos server and emails recorded.
/// </summary>
/// <remarks>
/// The engine runs on real time. The business clock (<see cref="Clock"/>, what activities stamp on records) starts
/// on a fixed Monday and can be jumped forward; chase due dates come from <see cref="TestDeadlines"/>, where a working
/// day lasts a moment of real time.
/// </remarks>
public sealed class LifecycleHarness : IAsyncDisposable
{
    /// <summary>Monday 23 November 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly TestCosmos _cosmos;

    private LifecycleHarness(TestCosmos cosmos, DurableTaskTestHost host, TestClock clock, RecordingEmailSender email, ApprovalPolicy policy)
    {
        _cosmos = cosmos;
        Host = host;
        Clock = clock;
        Email = email;
        Policy = policy;
    }

    public DurableTaskTestHost Host { get; }

    public TestClock Clock { get; }

    public RecordingEmailSender Email { get; }

    public ApprovalPolicy Policy { get; }

    public DurableTaskClient Client => Host.Client;

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <param name="workingDay">How long a working day lasts for chase timers (real time); long by default, so nobody is chased.</param>
    /// <param name="approvals">The scheme of delegation; the test one by default.</param>
    public static async Task<LifecycleHarness> StartAsync(TimeSpan? workingDay = null, ApprovalPolicy? approvals = null)
    {
        var cosmos = await TestCosmos.CreateAsync();
        var clock = new TestClock(Start);
        var email = new RecordingEmailSender();
        var policy = approvals ?? TestPolicies.Approvals();
        var host = await DurableTaskTestHost.StartAsync(r => r.AddDeliveryWorkflows(), new DurableTaskTestHostOptions
        {
            // The test host otherwise picks a random port in 30000-40000, which now and then is taken.
            Port = FreePort(),
            ConfigureServices = services =>
            {
                services.AddSingleton(cosmos.Database);
                services.AddSingleton<IEmailSender>(email);
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton<ApprovalDeadlines>(new TestDeadlines(clock, workingDay ?? TimeSpan.FromHours(1)));
                services.AddSingleton(policy);
                services.AddSingleton(TestPolicies.Lifecycle());
                services.AddSingleton(new WorkflowEnvironment(new Uri("http://localhost:7071/")));
                services.AddDeliveryWorkflowServices();
            },
        });
        return new LifecycleHarness(cosmos, host, clock, email, policy);
    }

    /// <summary>Stores a project and starts its lifecycle, as intake does; returns once it waits for the business case.</summary>
    public async Task<string> NewProjectAsync(decimal estimatedCost)
    {
        var projectId = "prj-" + Guid.NewGuid().ToString("N")[..24];
        await Get<ProjectRepository>().TryCreateAsync(TestData.Project(projectId, estimatedCost), CancellationToken.None);
        await Get<LifecycleCommands>().StartAsync(Client, projectId, CancellationToken.None);
        await UntilAsync(async () => (await Get<ProjectRepository>().GetAsync(projectId, CancellationToken.None))?.Stage == ProjectStage.BusinessCase);
        return projectId;
    }

    /// <summary>As <see cref="NewProjectAsync"/>, requested by one of the approvers (to test separation of duties).</summary>
    public async Task<string> NewProjectRequestedByAsync(decimal estimatedCost, Approver requester)
    {
        var projectId = "prj-" + Guid.NewGuid().ToString("N")[..24];
        var project = TestData.Project(projectId, estimatedCost);
        await Get<ProjectRepository>().TryCreateAsync(
            project with { SubmittedBy = requester.Id, Request = project.Request with { Requester = new Person(requester.Name, requester.Email) } }, CancellationToken.None);
        await Get<LifecycleCommands>().StartAsync(Client, projectId, CancellationToken.None);
        await UntilAsync(async () => (await Get<ProjectRepository>().GetAsync(projectId, CancellationToken.None))?.Stage == ProjectStage.BusinessCase);
        return projectId;
    }

    public async Task<CommandResult> SubmitAsync(string projectId, decimal totalCost)
    {
        var cases = await Get<BusinessCaseRepository>().GetAsync(projectId, CancellationToken.None);
        var version = cases!.Versions.Count + 1;
        return await Get<LifecycleCommands>().SubmitBusinessCaseAsync(
            Client, projectId, TestData.RequesterId, TestData.BusinessCase(totalCost), $"{projectId}/business-case/v{version}.json", version, CancellationToken.None);
    }

    /// <summary>Waits until the step exists and is pending (its request email has gone).</summary>
    public async Task<ApprovalStepDocument> StepAsync(string projectId, string gateId, string stepKey)
    {
        var id = ApprovalStepDocument.IdFor(projectId, gateId, stepKey);
        ApprovalStepDocument? step = null;
        await UntilAsync(async () => (step = await Get<ApprovalStepRepository>().GetAsync(id, CancellationToken.None)) is not null
            && Email.Sent.Any(m => m.Category == "approval-request" && m.Html.Contains(Uri.EscapeDataString(id), StringComparison.Ordinal)));
        return step!;
    }

    public Task<CommandResult> DecideAsync(string stepId, string userId, ApprovalOutcome outcome, string? comment = null, InitiationAdjustments? adjustments = null) =>
        Get<ApprovalDecisionService>().DecideAsync(Client, new DecisionCommand(stepId, userId, null, outcome, comment, adjustments), CancellationToken.None);

    public async Task<ProjectDocument> ProjectAsync(string projectId) =>
        (await Get<ProjectRepository>().GetAsync(projectId, CancellationToken.None))!;

    public Task<IReadOnlyList<AuditEntry>> AuditAsync(string projectId) => Get<AuditLog>().ListAsync(projectId, CancellationToken.None);

    public async Task<OrchestrationMetadata> CompletionAsync(string projectId)
    {
        // Generous: the in-memory test host slows down a lot on a loaded two-core machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            return await Host.Client.WaitForInstanceCompletionAsync(LifecycleEvents.InstanceIdFor(projectId), true, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The lifecycle did not complete. " + await DescribeAsync());
        }
    }

    /// <summary>
    /// Waits until the lifecycle's custom status says what the project document says (both are written by the
    /// workflow, a moment apart) and returns that wait; times out if they never agree.
    /// </summary>
    public async Task<string> AgreedWaitAsync(string projectId)
    {
        string? agreed = null;
        string seen = string.Empty;
        try
        {
            await UntilAsync(async () =>
            {
                var project = await ProjectAsync(projectId);
                var status = (await Host.Client.GetInstanceAsync(LifecycleEvents.InstanceIdFor(projectId), getInputsAndOutputs: true))?.ReadCustomStatusAs<LifecycleStatus>();
                seen = $"custom status {status}, project {project.Stage} {project.WaitingFor}";
                agreed = status is not null && status.Stage == project.Stage && status.WaitingFor.Describe(id => Policy.Find(id)?.Name) == project.WaitingFor
                    ? project.WaitingFor
                    : null;
                return agreed is not null;
            });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("The lifecycle's custom status and the project document never agreed: " + seen + await DescribeAsync());
        }

        return agreed!;
    }

    /// <summary>Every instance with its status, custom status and failure, to explain a stuck test.</summary>
    public async Task<string> DescribeAsync()
    {
        var text = new System.Text.StringBuilder();
        await foreach (var instance in Host.Client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true }))
        {
            text.Append('\n').Append(instance.InstanceId).Append(' ').Append(instance.RuntimeStatus).Append(' ')
                .Append(instance.SerializedCustomStatus).Append(' ').Append(instance.FailureDetails?.ErrorMessage);
        }

        return text.ToString();
    }

    /// <summary>Polls a condition the workers will make true soon (real time, bounded): never used for long waits.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The workflow did not get there in time.");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>A port the OS says is free now (bound to port 0, then released for the sidecar to take).</summary>
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await _cosmos.DisposeAsync();
    }
}
