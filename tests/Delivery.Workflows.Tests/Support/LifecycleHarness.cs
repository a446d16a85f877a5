using Delivery.Durable;
using Delivery.Durable.Testing;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Workflows.Tests.Support;

/// <summary>
/// The workflows on the durable test host (in-memory backend, fake clock) with their data in a fresh database on
/// the local Cosmos server and emails recorded.
/// </summary>
public sealed class LifecycleHarness : IAsyncDisposable
{
    /// <summary>Monday 23 November 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly TestCosmos _cosmos;

    private LifecycleHarness(TestCosmos cosmos, DurableTaskTestHost host, FakeTimeProvider clock, RecordingEmailSender email)
    {
        _cosmos = cosmos;
        Host = host;
        Clock = clock;
        Email = email;
    }

    public DurableTaskTestHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public RecordingEmailSender Email { get; }

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public static async Task<LifecycleHarness> StartAsync(DateTimeOffset? start = null, ApprovalPolicy? approvals = null)
    {
        var cosmos = await TestCosmos.CreateAsync();
        var clock = new FakeTimeProvider(start ?? Start);
        var email = new RecordingEmailSender();
        var host = await DurableTaskTestHost.StartAsync(r => r.AddDeliveryWorkflows(), new DurableTaskTestHostOptions
        {
            TimeProvider = clock,
            ConfigureServices = services =>
            {
                services.AddSingleton(cosmos.Database);
                services.AddSingleton<IEmailSender>(email);
                services.AddSingleton(approvals ?? TestPolicies.Approvals());
                services.AddSingleton(TestPolicies.Lifecycle());
                services.AddSingleton(new WorkflowEnvironment(new Uri("http://localhost:7071/")));
                services.AddDeliveryWorkflowServices();
            },
        });
        return new LifecycleHarness(cosmos, host, clock, email);
    }

    /// <summary>Stores a project and starts its lifecycle, as intake does; returns once it waits for the business case.</summary>
    public async Task<string> NewProjectAsync(decimal estimatedCost)
    {
        var projectId = "prj-" + Guid.NewGuid().ToString("N")[..24];
        await Get<ProjectRepository>().TryCreateAsync(TestData.Project(projectId, estimatedCost), CancellationToken.None);
        await Get<LifecycleCommands>().StartAsync(projectId, CancellationToken.None);
        await UntilAsync(async () => (await Get<ProjectRepository>().GetAsync(projectId, CancellationToken.None))?.Stage == ProjectStage.BusinessCase);
        return projectId;
    }

    public async Task<CommandResult> SubmitAsync(string projectId, decimal totalCost)
    {
        var cases = await Get<BusinessCaseRepository>().GetAsync(projectId, CancellationToken.None);
        var version = cases!.Versions.Count + 1;
        return await Get<LifecycleCommands>().SubmitBusinessCaseAsync(
            projectId, TestData.RequesterId, TestData.BusinessCase(totalCost), $"{projectId}/business-case/v{version}.json", version, CancellationToken.None);
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
        Get<ApprovalDecisionService>().DecideAsync(new DecisionCommand(stepId, userId, null, outcome, comment, adjustments), CancellationToken.None);

    public async Task<ProjectDocument> ProjectAsync(string projectId) =>
        (await Get<ProjectRepository>().GetAsync(projectId, CancellationToken.None))!;

    public Task<IReadOnlyList<AuditEntry>> AuditAsync(string projectId) => Get<AuditLog>().ListAsync(projectId, CancellationToken.None);

    public async Task<OrchestrationMetadata> CompletionAsync(string projectId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
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
                agreed = status == new LifecycleStatus(project.Stage, project.WaitingFor) ? project.WaitingFor : null;
                return agreed is not null;
            });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("The lifecycle's custom status and the project document never agreed: " + seen + await DescribeAsync());
        }

        return agreed!;
    }

    /// <summary>Every instance with its history and any poison messages, to explain a stuck test.</summary>
    public async Task<string> DescribeAsync()
    {
        var text = new System.Text.StringBuilder();
        await foreach (var instance in Host.Client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true }))
        {
            text.Append('\n').Append(instance.InstanceId).Append(' ').Append(instance.RuntimeStatus).Append(' ').Append(instance.FailureDetails?.ErrorMessage);
            foreach (var e in await Host.Client.GetOrchestrationHistoryAsync(instance.InstanceId))
            {
                text.Append("\n   ").Append(e.EventType).Append(' ').Append(e.Name).Append(' ').Append(e.FailureDetails?.ErrorMessage).Append(' ').Append(e.FailureDetails?.StackTrace?.Split('\n').FirstOrDefault());
            }
        }

        foreach (var poison in await Host.Client.GetPoisonMessagesAsync())
        {
            text.Append("\npoison: ").Append(poison.Error);
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

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await _cosmos.DisposeAsync();
    }
}
