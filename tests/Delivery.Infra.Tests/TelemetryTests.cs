using System.Diagnostics;
using Delivery.Functions.App.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Delivery.Infra.Tests;

/// <summary>
/// AddDeliveryTelemetry's pipeline with an in-memory exporter added after it, as the Azure Monitor exporter is.
/// Spans and log records are told apart by a unique marker, since other tests may use the same source.
/// </summary>
public sealed partial class TelemetryTests : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly List<LogRecord> _logs = [];
    private readonly WebApplication _app;
    private readonly string _marker = Guid.NewGuid().ToString("N");

    public TelemetryTests()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration[TelemetryServiceCollectionExtensions.ConnectionStringSetting] = "";
        builder.AddDeliveryTelemetry();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        builder.Services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(_logs));
        _app = builder.Build();
        _ = _app.Services.GetRequiredService<TracerProvider>();
    }

    public void Dispose() => ((IDisposable)_app).Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval requested {Marker}")]
    private static partial void LogApprovalRequested(ILogger logger, string marker);

    [LoggerMessage(Level = LogLevel.Information, Message = "Receipt sent to {Recipient} {Marker}")]
    private static partial void LogReceiptSent(ILogger logger, string recipient, string marker);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request starting GET {Url} {Marker}")]
    private static partial void LogRequestStarting(ILogger logger, string url, string marker);

    private Activity Span(string name) => Assert.Single(_spans, s => s.DisplayName == $"{name}-{_marker}");

    private LogRecord Log() => Assert.Single(_logs, l => l.FormattedMessage?.Contains(_marker, StringComparison.Ordinal) == true);

    private static object? Attribute(LogRecord record, string key) =>
        record.Attributes?.FirstOrDefault(a => a.Key == key).Value;

    private void StartAndStop(string name, Action<Activity>? tag = null)
    {
        using var span = DeliveryTelemetry.ActivitySource.StartActivity($"{name}-{_marker}");
        Assert.NotNull(span);
        tag?.Invoke(span);
    }

    [Fact]
    public void Span_started_in_a_workflow_scope_carries_the_instance_and_project_ids()
    {
        using (DeliveryTelemetry.BeginWorkflowScope("instance-1", "project-7"))
        {
            StartAndStop("activity");
        }

        var span = Span("activity");
        Assert.Equal("instance-1", span.GetTagItem(DeliveryTelemetry.InstanceIdAttribute));
        Assert.Equal("project-7", span.GetTagItem(DeliveryTelemetry.ProjectIdAttribute));
    }

    [Fact]
    public void Span_started_after_the_scope_ends_carries_no_ids()
    {
        using (DeliveryTelemetry.BeginWorkflowScope("instance-1", "project-7"))
        {
        }

        StartAndStop("later");

        Assert.Null(Span("later").GetTagItem(DeliveryTelemetry.InstanceIdAttribute));
    }

    [Fact]
    public void Nested_scope_keeps_the_outer_project_and_restores_the_outer_instance()
    {
        using (DeliveryTelemetry.BeginWorkflowScope("parent", "project-7"))
        {
            using (DeliveryTelemetry.BeginWorkflowScope("child", null))
            {
                StartAndStop("child");
            }

            StartAndStop("parent");
        }

        Assert.Equal("child", Span("child").GetTagItem(DeliveryTelemetry.InstanceIdAttribute));
        Assert.Equal("project-7", Span("child").GetTagItem(DeliveryTelemetry.ProjectIdAttribute));
        Assert.Equal("parent", Span("parent").GetTagItem(DeliveryTelemetry.InstanceIdAttribute));
    }

    [Fact]
    public async Task Log_written_in_a_workflow_scope_carries_the_ids_across_awaits()
    {
        var logger = _app.Services.GetRequiredService<ILogger<TelemetryTests>>();

        using (DeliveryTelemetry.BeginWorkflowScope("instance-2", "project-9"))
        {
            await Task.Yield();
            LogApprovalRequested(logger, _marker);
        }

        var record = Log();
        Assert.Equal("instance-2", Attribute(record, DeliveryTelemetry.InstanceIdAttribute));
        Assert.Equal("project-9", Attribute(record, DeliveryTelemetry.ProjectIdAttribute));
    }

    [Fact]
    public void Email_address_in_a_log_message_and_its_attributes_is_scrubbed()
    {
        var logger = _app.Services.GetRequiredService<ILogger<TelemetryTests>>();

        LogReceiptSent(logger, "jo.bloggs@example.gov.uk", _marker);

        var record = Log();
        Assert.DoesNotContain("jo.bloggs", record.FormattedMessage, StringComparison.Ordinal);
        Assert.Contains(PersonalDataRedactor.EmailPlaceholder, record.FormattedMessage, StringComparison.Ordinal);
        Assert.Equal(PersonalDataRedactor.EmailPlaceholder, Attribute(record, "Recipient"));
    }

    [Fact]
    public void Span_loses_enduser_attributes_client_address_and_query_strings_and_emails_are_scrubbed()
    {
        StartAndStop("request", span =>
        {
            span.SetTag("enduser.id", "jo.bloggs");
            span.SetTag("client.address", "203.0.113.7");
            span.SetTag("url.query", "?email=jo%40example.gov.uk");
            span.SetTag("url.full", "https://delivery.example/api/projects?requester=jo.bloggs@example.gov.uk");
            span.SetTag("delivery.note", "forwarded by jo.bloggs@example.gov.uk");
            span.SetTag("http.response.status_code", 202);
        });

        var span = Span("request");
        Assert.Null(span.GetTagItem("enduser.id"));
        Assert.Null(span.GetTagItem("client.address"));
        Assert.Null(span.GetTagItem("url.query"));
        Assert.Equal("https://delivery.example/api/projects", span.GetTagItem("url.full"));
        Assert.Equal($"forwarded by {PersonalDataRedactor.EmailPlaceholder}", span.GetTagItem("delivery.note"));
        Assert.Equal(202, span.GetTagItem("http.response.status_code"));
    }

    [Theory]
    [InlineData("write to a.b-c+tag@council.gov.uk today", "write to [email] today")]
    [InlineData("/api/people/jo%40example.org/tasks", "/api/people/[email]/tasks")]
    [InlineData("no address @ here", "no address @ here")]
    public void RedactEmails_ReplacesOnlyEmailAddresses(string input, string expected)
    {
        var actual = PersonalDataRedactor.RedactEmails(input);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Decision_link_token_in_a_log_line_its_attributes_and_the_raw_query_string_is_scrubbed()
    {
        var logger = _app.Services.GetRequiredService<ILogger<TelemetryTests>>();

        LogRequestStarting(logger, "http://localhost/api/approvals/p1~business-case~1~budget-holder?token=s3cr3t-link-token", _marker);

        var record = Log();
        Assert.DoesNotContain("s3cr3t-link-token", record.FormattedMessage, StringComparison.Ordinal);
        Assert.Contains($"?token={PersonalDataRedactor.SecretPlaceholder}", record.FormattedMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-link-token", Attribute(record, "Url")?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Token_in_a_span_name_an_attribute_that_is_not_a_url_and_the_status_is_scrubbed()
    {
        StartAndStop("approval", span =>
        {
            span.SetTag("delivery.link", "https://delivery.example/api/approvals/a1?token=s3cr3t-link-token&x=1");
            span.SetTag("http.request.header.authorization", "Bearer eyJhbGciOi.s3cr3t.sig");
            span.SetStatus(ActivityStatusCode.Error, "failed fetching /api/approvals/a1?token=s3cr3t-link-token");
        });

        var span = Span("approval");
        Assert.Equal($"https://delivery.example/api/approvals/a1?token={PersonalDataRedactor.SecretPlaceholder}&x=1", span.GetTagItem("delivery.link"));
        Assert.Equal($"Bearer {PersonalDataRedactor.SecretPlaceholder}", span.GetTagItem("http.request.header.authorization"));
        Assert.DoesNotContain("s3cr3t", span.StatusDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/approvals/a?token=abc123", "/api/approvals/a?token=[redacted]")]
    [InlineData("GET /x?a=1&code=xyz&sig=q%2Bw 200", "GET /x?a=1&code=[redacted]&sig=[redacted] 200")]
    [InlineData("Authorization: Bearer abc.def.ghi", "Authorization: Bearer [redacted]")]
    [InlineData("tokens=5 and monkey=1", "tokens=5 and monkey=1")]
    public void RedactSecrets_ReplacesOnlyCredentialValues(string input, string expected)
    {
        Assert.Equal(expected, PersonalDataRedactor.RedactSecrets(input));
    }
}
