using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;

namespace Delivery.Functions.App.DataProtection;

/// <summary>Everything held about a person, found by their email address, project by project.</summary>
public sealed record SubjectAccessExport(
    string Email, DateTimeOffset ReceivedAt, DateTimeOffset DueBy, IReadOnlyList<string> KnownAs,
    IReadOnlyList<SubjectAccessProject> Projects, IReadOnlyList<PersonalDataDocument> OtherRecords, IReadOnlyList<PersonalDataFile> Files)
{
    public int Documents => Projects.Sum(p => p.Documents.Count) + OtherRecords.Count;
}

/// <summary>A project that mentions the person, and the documents in it (and in the views of it) that do.</summary>
public sealed record SubjectAccessProject(string ProjectId, string Title, IReadOnlyList<PersonalDataDocument> Documents);

/// <summary>What an erasure changed; <c>FilesToReview</c> mention the person but are not text this product can rewrite.</summary>
public sealed record ErasureResult(string Pseudonym, int Projects, int Documents, int Files, IReadOnlyList<string> FilesToReview, bool InDirectory);

/// <summary>
/// The three data protection jobs: a subject access export, an erasure and the retention of closed projects. Each
/// finds people the same way: every project (listed by the portfolio view, one partition), the shared views, the
/// people's own partitions (tasks, unsent requests, digests) and every file in Blob Storage; never a cross-partition query.
/// </summary>
public sealed class PersonalData(
    PersonalDataDocuments documents, PersonalDataFiles files, PseudonymKey pseudonyms, PortfolioView portfolio, ProjectRepository projects,
    ApprovalPolicy directory, DataProtectionLog log, AuditLog audit, TimeProvider clock)
{
    /// <summary>The views every project shows up in; a person's own view partitions are added per person.</summary>
    private static readonly string[] SharedViews = [ViewIds.Portfolio, ViewIds.Controls, ViewIds.Lessons, ViewIds.Flow, ViewIds.Benefits];

    /// <summary>The stages after which a project's personal data is kept only for the retention period.</summary>
    public static readonly ProjectStage[] Finished = [ProjectStage.Closed, ProjectStage.Done, ProjectStage.Withdrawn, ProjectStage.Rejected];

    public async Task<SubjectAccessExport> ExportAsync(string email, string requestedBy, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow();
        var (subject, rows) = await SubjectAsync(email, cancellationToken);
        var people = new PeopleMatcher([subject]);
        var found = new List<SubjectAccessProject>();
        var other = new List<PersonalDataDocument>();
        var views = new List<PersonalDataDocument>();
        foreach (var partition in SharedViews.Concat(directory.People.Select(p => ViewIds.TasksOf(p.Id))).Concat(subject.Ids.Select(ViewIds.TasksOf)).Distinct())
        {
            views.AddRange(await documents.FindAsync(people, DataContainers.Views, partition, cancellationToken));
        }

        foreach (var row in rows)
        {
            var inProject = (await documents.FindAsync(people, DataContainers.Projects, row.Id, cancellationToken)).ToList();
            inProject.AddRange(views.Where(v => BelongsTo(v, row.Id)));
            if (inProject.Count > 0)
            {
                found.Add(new SubjectAccessProject(row.Id, row.Title, inProject));
            }
        }

        other.AddRange(views.Where(v => !rows.Any(r => BelongsTo(v, r.Id))));
        foreach (var partition in OwnPartitions(subject))
        {
            other.AddRange(await documents.FindAsync(people, DataContainers.Projects, partition, cancellationToken));
        }

        var held = new SubjectAccessExport(subject.Email, receivedAt, receivedAt.AddMonths(1), [.. subject.Ids, .. subject.Names], found, other, await files.FindAsync(people, rows.Select(r => r.Id + "/"), cancellationToken));
        await log.WriteAsync(new DataProtectionRecord
        {
            Id = "sar-" + Guid.NewGuid().ToString("N"),
            Job = DataProtectionJob.SubjectAccess,
            Subject = subject.Pseudonym.Code,
            RequestedBy = requestedBy,
            ReceivedAt = receivedAt,
            DueBy = held.DueBy,
            CompletedAt = clock.GetUtcNow(),
            Projects = found.Count,
            Documents = held.Documents,
            Files = held.Files.Count,
        }, cancellationToken);
        return held;
    }

    public async Task<ErasureResult> EraseAsync(string email, string requestedBy, string reason, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow();
        var (subject, rows) = await SubjectAsync(email, cancellationToken);
        var people = new PeopleMatcher([subject]);
        var recordId = "erasure-" + Guid.NewGuid().ToString("N");
        var changedProjects = 0;
        var changed = 0;
        foreach (var row in rows)
        {
            var inProject = await documents.AnonymiseAsync(people, DataContainers.Projects, row.Id, deleteAll: false, onlyProject: null, cancellationToken);
            if (inProject > 0)
            {
                changedProjects++;
                changed += inProject;
                await audit.AppendAsync($"{row.Id}~{recordId}", new AuditEntry
                {
                    Id = string.Empty,
                    ProjectId = row.Id,
                    At = clock.GetUtcNow(),
                    Actor = requestedBy,
                    Action = AuditAction.PersonalDataErased,
                    Summary = $"A person's personal data was erased on request: they are {subject.Pseudonym.Name} from now on.",
                    Subject = subject.Pseudonym.Code,
                }, cancellationToken);
            }
        }

        foreach (var partition in SharedViews.Concat(directory.People.Where(p => !subject.Ids.Contains(p.Id)).Select(p => ViewIds.TasksOf(p.Id))))
        {
            changed += await documents.AnonymiseAsync(people, DataContainers.Views, partition, deleteAll: false, onlyProject: null, cancellationToken);
        }

        // The person's own partitions (their tasks, their unsent request, their digests) are named by them: they go.
        foreach (var partition in subject.Ids.Select(ViewIds.TasksOf))
        {
            changed += await documents.AnonymiseAsync(people, DataContainers.Views, partition, deleteAll: true, onlyProject: null, cancellationToken);
        }

        var deletedFiles = 0;
        foreach (var partition in OwnPartitions(subject))
        {
            // An unsent request's files are under its draft id: they go with it.
            foreach (var draft in await documents.ReadPartitionAsync(DataContainers.Projects, partition, cancellationToken))
            {
                if (draft["draftId"]?.GetValue<string>() is { Length: > 0 } draftId)
                {
                    deletedFiles += await files.DeleteAsync($"drafts/{draftId}/", cancellationToken);
                }
            }

            changed += await documents.AnonymiseAsync(people, DataContainers.Projects, partition, deleteAll: true, onlyProject: null, cancellationToken);
        }

        var (rewritten, toReview) = await files.AnonymiseAsync(people, rows.Select(r => r.Id + "/"), cancellationToken);
        rewritten += deletedFiles;
        await log.WriteAsync(new DataProtectionRecord
        {
            Id = recordId,
            Job = DataProtectionJob.Erasure,
            Subject = subject.Pseudonym.Code,
            RequestedBy = requestedBy,
            ReceivedAt = receivedAt,
            DueBy = receivedAt.AddMonths(1),
            CompletedAt = clock.GetUtcNow(),
            Reason = reason,
            Projects = changedProjects,
            Documents = changed,
            Files = rewritten,
            FilesToReview = toReview,
        }, cancellationToken);
        return new ErasureResult(subject.Pseudonym.Name, changedProjects, changed, rewritten, toReview, directory.FindByEmail(subject.Email) is not null);
    }

    /// <summary>
    /// Anonymises everyone in each project that finished (closed, done, withdrawn or rejected) longer ago than the
    /// retention period: its own documents and files, and its parts of the shared views. A project done once is logged
    /// and not done again.
    /// </summary>
    /// <returns>The projects anonymised by this run.</returns>
    public async Task<IReadOnlyList<string>> RetainAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var done = (await log.ListAsync(cancellationToken)).Where(r => r.Job == DataProtectionJob.Retention).Select(r => r.Subject).ToHashSet(StringComparer.Ordinal);
        var due = new List<PortfolioRow>();
        await foreach (var row in portfolio.AllAsync(new PortfolioFilter(), cancellationToken))
        {
            if (Finished.Contains(row.Stage) && row.StageSince <= finishedBefore && !done.Contains(row.Id))
            {
                due.Add(row);
            }
        }

        var strays = await pseudonyms.ForEachAsync(cancellationToken);
        var anonymised = new List<string>();
        foreach (var row in due)
        {
            var people = new PeopleMatcher(await PeopleInAsync(row.Id, cancellationToken), strays);
            var changed = await documents.AnonymiseAsync(people, DataContainers.Projects, row.Id, deleteAll: false, onlyProject: null, cancellationToken);
            foreach (var partition in SharedViews)
            {
                changed += await documents.AnonymiseAsync(people, DataContainers.Views, partition, deleteAll: false, onlyProject: row.Id, cancellationToken);
            }

            var (rewritten, toReview) = await files.AnonymiseAsync(people, [row.Id + "/"], cancellationToken);
            await audit.AppendAsync($"{row.Id}~retention", new AuditEntry
            {
                Id = string.Empty,
                ProjectId = row.Id,
                At = clock.GetUtcNow(),
                Actor = AuditEntry.System,
                Action = AuditAction.PersonalDataAnonymised,
                Summary = $"The retention period after the project finished ended: the personal data of {people.People.Count} people in it was anonymised.",
            }, cancellationToken);
            await log.WriteAsync(new DataProtectionRecord
            {
                Id = "retention-" + row.Id,
                Job = DataProtectionJob.Retention,
                Subject = row.Id,
                RequestedBy = AuditEntry.System,
                ReceivedAt = now,
                DueBy = now,
                CompletedAt = clock.GetUtcNow(),
                Projects = 1,
                Documents = changed,
                Files = rewritten,
                FilesToReview = toReview,
            }, cancellationToken);
            anonymised.Add(row.Id);
        }

        return anonymised;
    }

    /// <summary>
    /// The person with every id and name the records know them by: the directory's entry for the address, and each
    /// project's requester (with the id they signed in with), sponsor and project manager with that address.
    /// </summary>
    private async Task<(PersonalDataSubject Subject, IReadOnlyList<PortfolioRow> Projects)> SubjectAsync(string email, CancellationToken cancellationToken)
    {
        var address = email.Trim();
        var ids = new List<string>();
        var names = new List<string>();
        if (directory.FindByEmail(address) is { } person)
        {
            ids.Add(person.Id);
            names.Add(person.Name);
        }

        var rows = new List<PortfolioRow>();
        await foreach (var row in portfolio.AllAsync(new PortfolioFilter(), cancellationToken))
        {
            rows.Add(row);
            if (await projects.GetAsync(row.Id, cancellationToken) is not { } project)
            {
                continue;
            }

            if (Same(project.Request.Requester, address))
            {
                ids.Add(project.SubmittedBy);
                names.Add(project.Request.Requester.Name);
            }

            names.AddRange(new[] { project.Request.Sponsor, project.ProjectManager }.Where(p => Same(p, address)).Select(p => p!.Name));
        }

        return (new PersonalDataSubject(address, ids, names, await pseudonyms.ForAsync(address, cancellationToken)), rows);
    }

    /// <summary>Everyone a project's documents name: each name-and-address pair in them, and the directory's people they mention.</summary>
    private async Task<IReadOnlyList<PersonalDataSubject>> PeopleInAsync(string projectId, CancellationToken cancellationToken)
    {
        var pairs = new Dictionary<string, (HashSet<string> Ids, HashSet<string> Names)>(StringComparer.OrdinalIgnoreCase);
        void Add(string email, string? id, string? name)
        {
            if (!pairs.TryGetValue(email, out var known))
            {
                pairs[email] = known = (new(StringComparer.OrdinalIgnoreCase), new(StringComparer.OrdinalIgnoreCase));
            }

            if (!string.IsNullOrWhiteSpace(id))
            {
                known.Ids.Add(id);
            }

            if (!string.IsNullOrWhiteSpace(name))
            {
                known.Names.Add(name);
            }
        }

        foreach (var person in directory.People)
        {
            Add(person.Email, person.Id, person.Name);
        }

        if (await projects.GetAsync(projectId, cancellationToken) is { } project)
        {
            Add(project.Request.Requester.Email, project.SubmittedBy, project.Request.Requester.Name);
            Add(project.Request.Sponsor.Email, null, project.Request.Sponsor.Name);
            if (project.ProjectManager is { } manager)
            {
                Add(manager.Email, null, manager.Name);
            }
        }

        var subjects = new List<PersonalDataSubject>();
        foreach (var (email, known) in pairs)
        {
            subjects.Add(new PersonalDataSubject(email, known.Ids, known.Names, await pseudonyms.ForAsync(email, cancellationToken)));
        }

        return subjects;
    }

    private static IEnumerable<string> OwnPartitions(PersonalDataSubject subject) =>
        subject.Ids.SelectMany(id => new[] { Delivery.Workflows.Digest.WeeklyDigest.PartitionFor(id), "draft~" + id.ToLowerInvariant() });

    private static bool BelongsTo(PersonalDataDocument view, string projectId) =>
        string.Equals(view.ProjectId, projectId, StringComparison.Ordinal) || view.Id.Contains(projectId, StringComparison.Ordinal);

    private static bool Same(Person? person, string email) => person is not null && string.Equals(person.Email?.Trim(), email, StringComparison.OrdinalIgnoreCase);
}
