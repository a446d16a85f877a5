using Delivery.Workflows.Projects;

namespace Delivery.Functions.GetProject;

/// <summary>
/// A project as the API shows it: what was asked for, where it is and what it waits for. Storage details stay in
/// storage (the request hash, the idempotency key, blob names and content hashes, the ETag).
/// </summary>
public sealed record ProjectView(
    string Id,
    ProjectRequest Request,
    IReadOnlyList<AttachmentView> Attachments,
    ProjectStage Stage,
    string WaitingFor,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StageChangedAt,
    Person? ProjectManager,
    ProjectBaseline? Baseline,
    IReadOnlyList<ProjectBaseline> EarlierBaselines)
{
    public static ProjectView From(ProjectDocument project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new ProjectView(
            project.ProjectId,
            project.Request,
            project.Attachments.Select(a => new AttachmentView(a.FileName, a.ContentType, a.Length)).ToList(),
            project.Stage,
            project.WaitingFor,
            project.SubmittedBy,
            project.SubmittedAt,
            project.StageChangedAt,
            project.ProjectManager,
            project.Baseline,
            project.EarlierBaselines);
    }
}

/// <summary>An attached file: its name, type and size.</summary>
public sealed record AttachmentView(string FileName, string ContentType, long Length);
