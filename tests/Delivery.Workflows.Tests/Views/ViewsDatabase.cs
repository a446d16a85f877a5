using Delivery.Workflows.Approvals;
using Delivery.Workflows.Benefits;
using Delivery.Workflows.Budget;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Raid;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Delivery.Workflows.Tests.Support;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Tests.Views;

/// <summary>
/// A database of its own for one view test class: the portfolio is one partition for every project, so counts can
/// only be checked where no other test adds projects. The repositories are wired as the app wires them.
/// </summary>
public sealed class ViewsDatabase : IAsyncLifetime
{
    public Database Database { get; private set; } = null!;

    public ApprovalPolicy Approvals { get; } = TestPolicies.Approvals();

    public PortfolioView Portfolio { get; private set; } = null!;

    public TaskView Tasks { get; private set; } = null!;

    public ProjectRepository Projects { get; private set; } = null!;

    public ApprovalStepRepository Steps { get; private set; } = null!;

    public BusinessCaseRepository Cases { get; private set; } = null!;

    public ViewRebuilder Rebuilder { get; private set; } = null!;

    public ControlsView Controls { get; private set; } = null!;

    public Container Views => Database.GetContainer(DataContainers.Views);

    public async Task InitializeAsync()
    {
        var shared = await TestCosmos.CreateAsync();
        Database = (await shared.Database.Client.CreateDatabaseIfNotExistsAsync($"test-views-{Guid.NewGuid():N}")).Database;
        foreach (var (name, path) in DataContainers.All)
        {
            await Database.CreateContainerIfNotExistsAsync(new ContainerProperties(name, path));
        }

        Portfolio = new PortfolioView(Database, Approvals, TimeProvider.System);
        Tasks = new TaskView(Database, Approvals, new ApprovalDeadlines());
        Projects = new ProjectRepository(Database, Portfolio);
        Steps = new ApprovalStepRepository(Database, Tasks);
        Cases = new BusinessCaseRepository(Database, Tasks);
        Controls = new ControlsView(Database, new BudgetRepository(Database), new MilestoneRepository(Database), new RaidRepository(Database), new BenefitRepository(Database), new Delivery.Workflows.Highlights.HighlightRepository(Database), new Delivery.Workflows.ProjectLifecycle.LifecyclePolicy { Tolerances = new Dictionary<ProjectCategory, Tolerances>() }, Tasks, Portfolio, TimeProvider.System);
        Rebuilder = new ViewRebuilder(Database, Portfolio, Tasks, Controls, new LessonsView(Database), new FlowView(Database), new BenefitsView(Database, new Delivery.Workflows.Benefits.BenefitReviewRepository(Database), new Delivery.Workflows.Benefits.BenefitRepository(Database)), new Delivery.Workflows.Backlog.BacklogFlowSummary(Database));
    }

    public async Task DisposeAsync() => await Database.DeleteAsync();

    public static ProjectDocument Project(string id, decimal cost, DateTimeOffset submittedAt, ProjectCategory category = ProjectCategory.TechnologyProject) =>
        TestData.Project(id, cost) with
        {
            Request = TestData.Project(id, cost).Request with { Title = "Project " + id, Category = category },
            SubmittedAt = submittedAt,
        };
}
