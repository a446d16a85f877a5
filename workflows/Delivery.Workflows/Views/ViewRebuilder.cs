using System.Text.Json;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Views;

/// <summary>What a rebuild went through.</summary>
public sealed record RebuildReport(int Projects, int ApprovalSteps, int BusinessCases, int PortfolioTotal, int Exceptions = 0);

/// <summary>
/// Rebuilds every view from the project partitions, for when a view was lost or went wrong: reads the projects
/// container's feed (every partition in turn, not a query), rewrites each project's portfolio row and monitor figures and each step's,
/// business case's, exception's and end stage report's tasks, each lesson's row in the lessons log and each closed project's benefits report, gathers the audit entries the flow metrics read and replays each project's into the flow view, rewrites each digital service's team flow summaries from its stories, then recounts the portfolio once. Safe to run at any time and as often as wanted.
/// </summary>
public sealed class ViewRebuilder(Database database, PortfolioView portfolio, TaskView tasks, ControlsView controls, LessonsView lessons, FlowView flow, BenefitsView benefits, Backlog.BacklogFlowSummary backlogFlow)
{
    private readonly Container _projects = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<ProjectDocument> _projectDocuments = new(database);

    public async Task<RebuildReport> RebuildAsync(CancellationToken cancellationToken)
    {
        int projectCount = 0, stepCount = 0, caseCount = 0, exceptionCount = 0;
        var flowEntries = new Dictionary<string, List<Audit.AuditEntry>>(StringComparer.Ordinal);
        var teamFlows = new Dictionary<string, List<(string StoryId, Backlog.StoryFlow Flow)>>(StringComparer.Ordinal);
        using var feed = _projects.GetItemQueryIterator<JsonElement>(queryText: null, requestOptions: new QueryRequestOptions { MaxItemCount = 500 });
        while (feed.HasMoreResults)
        {
            foreach (var document in await feed.ReadNextAsync(cancellationToken))
            {
                switch (document.TryGetProperty("type", out var type) ? type.GetString() : null)
                {
                    case ProjectDocument.DocumentType:
                        var project = document.Deserialize<ProjectDocument>(Json)!;
                        await portfolio.WriteRowAsync(project, cancellationToken);
                        await controls.RefreshAsync(project, cancellationToken);
                        await benefits.RefreshAsync(project, cancellationToken);
                        projectCount++;
                        break;
                    case ApprovalStepDocument.DocumentType:
                        await tasks.SyncStepAsync(document.Deserialize<ApprovalStepDocument>(Json)!, null, cancellationToken);
                        stepCount++;
                        break;
                    case BusinessCaseDocument.DocumentType:
                        await tasks.SyncBusinessCaseAsync(document.Deserialize<BusinessCaseDocument>(Json)!, cancellationToken);
                        caseCount++;
                        break;
                    case Stages.EndStageReport.DocumentType:
                        await tasks.SyncEndStageReportAsync(document.Deserialize<Stages.EndStageReport>(Json)!, cancellationToken);
                        break;
                    case ProjectException.DocumentType:
                        await tasks.SyncExceptionAsync(document.Deserialize<ProjectException>(Json)!, cancellationToken);
                        exceptionCount++;
                        break;
                    case Benefits.BenefitReview.DocumentType:
                        var review = document.Deserialize<Benefits.BenefitReview>(Json)!;
                        if (await _projectDocuments.GetAsync(review.ProjectId, review.ProjectId, cancellationToken) is { } reviewed)
                        {
                            await tasks.SyncBenefitReviewAsync(reviewed, review, cancellationToken);
                        }

                        break;
                    case Lessons.LessonRecord.DocumentType:
                        var lesson = document.Deserialize<Lessons.LessonRecord>(Json)!;
                        var owner = await _projectDocuments.GetAsync(lesson.ProjectId, lesson.ProjectId, cancellationToken);
                        await lessons.WriteAsync(lesson, owner?.Request.Title ?? lesson.ProjectId, cancellationToken);
                        break;
                    case Backlog.StoryRecord.DocumentType:
                        var story = document.Deserialize<Backlog.StoryRecord>(Json)!;
                        (teamFlows.TryGetValue(story.ProjectId, out var stories) ? stories : teamFlows[story.ProjectId] = []).Add((story.StoryId, Backlog.StoryFlow.Of(story)));
                        break;
                    case Backlog.BacklogFlowDocument.DocumentType:
                        teamFlows.TryAdd(document.GetProperty("projectId").GetString()!, []);
                        break;
                    case Audit.AuditEntry.DocumentType:
                        var entry = document.Deserialize<Audit.AuditEntry>(Json)!;
                        if (Flow.FlowCalculator.Matters(entry.Action))
                        {
                            (flowEntries.TryGetValue(entry.ProjectId, out var list) ? list : flowEntries[entry.ProjectId] = []).Add(entry);
                        }

                        break;
                }
            }
        }

        foreach (var (projectId, entries) in flowEntries)
        {
            await flow.ApplyAsync(projectId, entries, cancellationToken);
        }

        foreach (var (projectId, stories) in teamFlows)
        {
            await backlogFlow.RebuildAsync(projectId, stories, cancellationToken);
        }

        var summary = await portfolio.RecountAsync(cancellationToken);
        return new RebuildReport(projectCount, stepCount, caseCount, summary.Counts.Sum(c => c.Count), exceptionCount);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
