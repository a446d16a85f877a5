using System.Globalization;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Functions.App.Settings;
using Delivery.Functions.SubmitProject;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.RequestForm;

/// <summary>What the start page knows: whether the person has answers saved to come back to.</summary>
public sealed record StartModel(bool HasDraft);

/// <summary>
/// The request form: <c>GET /api/start</c> (the start page, open to all), <c>GET</c> and <c>POST
/// /api/request/{page}/{entry}</c> (the question pages and check your answers; every answer saved as it is
/// posted) and <c>GET /api/request-sent/{id}</c> (the confirmation). Sending goes through <see cref="ProjectIntake"/>
/// with the draft's own idempotency key: the same rules as the API, and sending twice makes one project.
/// </summary>
public sealed class RequestFormFunction(RequestDrafts drafts, ProjectIntake intake, ProjectRepository projects, IOptions<IntakeSettings> settings, InputLimits limits, PageRenderer pages, TimeProvider clock)
{
    public const string Name = "RequestForm";
    public const string StartName = "StartPage";
    public const string SentName = "RequestSent";

    [Function(StartName)]
    [Microsoft.AspNetCore.Authorization.AllowAnonymous]
    public async Task<IResult> StartAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "start")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var hasDraft = user.Identity?.IsAuthenticated == true && (await drafts.CurrentAsync(user.UserId(), cancellationToken)).Values.Count > 0;
        return await pages.PageAsync<StartPage, StartModel>(req.HttpContext, new StartModel(hasDraft));
    }

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "request/{slug}/{index?}")] HttpRequest req,
        string slug, string? index, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var entry = 0;
        if (!RequestQuestions.Exists(slug) || (index is not null && (!RequestQuestions.IsList(slug) || !int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out entry) || entry >= limits.MaxListItems)))
        {
            return await pages.MessageAsync(http, new("Page not found", "There is no such page in the request form. Start again from the start page."), StatusCodes.Status404NotFound);
        }

        var draft = await drafts.CurrentAsync(http.User.UserId(), cancellationToken);
        var fromCheck = req.Query["from"] == "check";
        if (RequestQuestions.IsList(slug) && entry > draft.CountOf(slug))
        {
            return Results.Redirect(RequestQuestions.Href(slug, draft.CountOf(slug), fromCheck));
        }

        if (slug == RequestQuestions.Check)
        {
            return HttpMethods.IsPost(req.Method) ? await SendAsync(http, client, draft, cancellationToken) : await CheckPageAsync(http, draft, new FieldErrors(), StatusCodes.Status200OK);
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            return await QuestionAsync(http, slug, entry, draft, new Dictionary<string, string>(), fromCheck, StatusCodes.Status200OK);
        }

        return slug == "attachments"
            ? await AttachmentsPostAsync(http, draft, fromCheck, cancellationToken)
            : await AnswerAsync(http, slug, entry, draft, fromCheck, cancellationToken);
    }

    [Function(SentName)]
    [SignInPage]
    public async Task<IResult> SentAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "request-sent/{id}")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        if (project is null || project.SubmittedBy != req.HttpContext.User.UserId())
        {
            return await pages.MessageAsync(req.HttpContext, new("Request not found", "There is no such request of yours."), StatusCodes.Status404NotFound);
        }

        return await pages.PageAsync<RequestSentPage, RequestSentModel>(req.HttpContext, new RequestSentModel(project.ProjectId, project.Request.Title));
    }

    /// <summary>Saves the page's answers, then goes on, or shows the page again with the intake's errors for its fields.</summary>
    private async Task<IResult> AnswerAsync(HttpContext http, string slug, int entry, RequestDraft draft, bool fromCheck, CancellationToken cancellationToken)
    {
        var (form, bad) = await FormBody.ReadAsync(http.Request, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your answers could not be saved", bad!.Message), bad.Status);
        }

        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in RequestQuestions.Fields(slug, entry))
        {
            if (field.EndsWith("-day", StringComparison.Ordinal))
            {
                var date = field[..^4];
                answers[date] = DateField.Compose(form[field], form[date + "-month"], form[date + "-year"]);
            }
            else if (!field.EndsWith("-month", StringComparison.Ordinal) && !field.EndsWith("-year", StringComparison.Ordinal))
            {
                answers[field] = form[field].ToString().Trim();
            }
        }

        draft = draft.With(answers, clock.GetUtcNow());
        await drafts.SaveAsync(draft, cancellationToken);
        var errors = PageErrors(http, draft, slug, entry);
        if (errors.Count > 0)
        {
            return await QuestionAsync(http, slug, entry, draft, errors, fromCheck, StatusCodes.Status400BadRequest);
        }

        return Results.Redirect(form["action"] == "another" && RequestQuestions.IsList(slug)
            ? RequestQuestions.Href(slug, entry + 1, fromCheck)
            : RequestQuestions.Next(slug, fromCheck));
    }

    /// <summary>Uploads a file to the draft, removes one, or goes on.</summary>
    private async Task<IResult> AttachmentsPostAsync(HttpContext http, RequestDraft draft, bool fromCheck, CancellationToken cancellationToken)
    {
        var bytes = await BoundedBody.ReadAsync(http.Request.Body, settings.Value.MaxRequestBytes, cancellationToken);
        if (bytes is null || !http.Request.HasFormContentType)
        {
            return await pages.MessageAsync(http, new("Your file could not be uploaded", bytes is null ? "The file is too large." : "Send the page's own form."), bytes is null ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status415UnsupportedMediaType);
        }

        http.Request.Body = new MemoryStream(bytes);
        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (int.TryParse(form["remove"], NumberStyles.None, CultureInfo.InvariantCulture, out var remove) && remove < draft.Files.Count)
        {
            await drafts.DeleteAsync(draft.Files[remove], cancellationToken);
            draft = draft with { Files = [.. draft.Files.Where((_, i) => i != remove)], UpdatedAt = clock.GetUtcNow() };
            await drafts.SaveAsync(draft, cancellationToken);
            return Results.Redirect(RequestQuestions.Href("attachments", fromCheck: fromCheck));
        }

        if (form["action"] != "upload")
        {
            return Results.Redirect(RequestQuestions.Next("attachments", fromCheck));
        }

        var file = form.Files.GetFile("file");
        var errors = new Dictionary<string, string>();
        if (file is null || file.Length == 0)
        {
            errors["file"] = "Select a file to upload";
        }
        else
        {
            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, cancellationToken);
            }

            var input = new AttachmentInput("file", Path.GetFileName(file.FileName), file.ContentType ?? string.Empty, content);
            var problems = new FieldErrors();
            AttachmentInput.Validate([.. draft.Files.Select(f => new AttachmentInput("file", f.FileName, f.ContentType, [0])), input], settings.Value, problems);
            if (problems.Any)
            {
                errors["file"] = problems.ToDictionary().Values.First()[0].TrimEnd('.');
            }
            else
            {
                var stored = await drafts.UploadAsync(draft, input.FileName, input.ContentType, content, cancellationToken);
                await drafts.SaveAsync(draft with { Files = [.. draft.Files, stored], UpdatedAt = clock.GetUtcNow() }, cancellationToken);
                return Results.Redirect(RequestQuestions.Href("attachments", fromCheck: fromCheck));
            }
        }

        return await QuestionAsync(http, "attachments", 0, draft, errors, fromCheck, StatusCodes.Status400BadRequest);
    }

    /// <summary>Sends the draft through the intake; a draft sent before goes to the project it became.</summary>
    private async Task<IResult> SendAsync(HttpContext http, DurableTaskClient client, RequestDraft draft, CancellationToken cancellationToken)
    {
        var userId = http.User.UserId();
        if (draft.Values.Count == 0 && await drafts.StoredAsync(userId, cancellationToken) is { SubmittedProjectId: { } sent })
        {
            return Results.Redirect("/api/request-sent/" + Uri.EscapeDataString(sent));
        }

        var files = new List<AttachmentInput>();
        for (var i = 0; i < draft.Files.Count; i++)
        {
            var file = draft.Files[i];
            files.Add(new AttachmentInput($"attachments[{i}]", file.FileName, file.ContentType, await drafts.ReadAsync(file, cancellationToken)));
        }

        var errors = new FieldErrors();
        var outcome = await intake.SubmitAsync(client, http.User, RequestFields.FromValues(draft.Values), files, errors, draft.IdempotencyKey, cancellationToken);
        if (outcome.Invalid)
        {
            return await CheckPageAsync(http, draft, errors, StatusCodes.Status400BadRequest);
        }

        // Sent before, by a first attempt that stopped before it marked the draft: that project is this request.
        var projectId = outcome.ProjectId ?? ProjectIdentity.NewId(userId, draft.IdempotencyKey);
        await drafts.SaveAsync(draft with { SubmittedProjectId = projectId, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
        foreach (var file in draft.Files)
        {
            await drafts.DeleteAsync(file, cancellationToken);
        }

        return Results.Redirect("/api/request-sent/" + Uri.EscapeDataString(projectId));
    }

    /// <summary>The intake's errors for the page's own fields, as GOV.UK messages (no full stop).</summary>
    private Dictionary<string, string> PageErrors(HttpContext http, RequestDraft draft, string slug, int entry)
    {
        var errors = new FieldErrors();
        intake.Check(http.User, RequestFields.FromValues(draft.Values), [], errors);
        return errors.ToDictionary()
            .Where(e => RequestQuestions.Owns(slug, entry, e.Key))
            .ToDictionary(e => e.Key, e => e.Value[0].TrimEnd('.'), StringComparer.Ordinal);
    }

    /// <summary>Check your answers; errors only once the person tries to send it, as on any GOV.UK form.</summary>
    private Task<IResult> CheckPageAsync(HttpContext http, RequestDraft draft, FieldErrors errors, int status)
    {
        var shown = errors.ToDictionary().ToDictionary(e => e.Key, e => e.Value[0].TrimEnd('.'), StringComparer.Ordinal);
        return pages.PageAsync<CheckAnswersPage, CheckAnswersModel>(http, new CheckAnswersModel(draft, shown), status);
    }

    private Task<IResult> QuestionAsync(HttpContext http, string slug, int entry, RequestDraft draft, Dictionary<string, string> errors, bool fromCheck, int status) =>
        pages.PageAsync<QuestionPage, QuestionModel>(http, new QuestionModel(slug, entry, draft, errors, fromCheck, FileHint()), status);

    private string FileHint()
    {
        var s = settings.Value;
        return $"{FileTypeNames.Describe(s.AllowedTypes)}, each smaller than {s.MaxAttachmentBytes / 1024 / 1024.0:0.#} MB; up to {s.MaxAttachments} files.";
    }

}
