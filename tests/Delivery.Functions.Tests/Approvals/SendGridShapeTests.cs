using System.Text.Json;
using Delivery.Functions.App.Email;
using Delivery.Functions.App.Settings;
using Delivery.Workflows.Notifications;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Delivery.Functions.Tests.Approvals;

/// <summary>The SendGrid path, against SendGrid's v3 mail-send API shape faked at the network edge.</summary>
public sealed class SendGridShapeTests : IDisposable
{
    private readonly WireMockServer _sendGrid = WireMockServer.Start();

    public void Dispose() => _sendGrid.Dispose();

    [Fact]
    public async Task Approval_email_is_posted_to_v3_mail_send_with_both_parts_and_no_personal_data_in_categories()
    {
        // Arrange
        _sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202));
        var sender = new SendGridEmailSender(Options.Create(new EmailSettings
        {
            FromAddress = "delivery@example.gov.uk",
            FromName = "Digital and Customer Services",
            SendGridApiKey = "SG.test-key",
            SendGridBaseUrl = new Uri(_sendGrid.Url!),
        }));
        var message = new EmailMessage(new EmailAddress("lee.morgan@example.gov.uk", "Lee Morgan"), "Approval needed: Laptops", "<p>Decide</p>", "Decide", "approval-request");

        // Act
        await sender.SendAsync(message, CancellationToken.None);

        // Assert
        var call = Assert.Single(_sendGrid.LogEntries);
        Assert.Equal("Bearer SG.test-key", call.RequestMessage.Headers!["Authorization"].Single());
        using var body = JsonDocument.Parse(call.RequestMessage.Body!);
        var root = body.RootElement;
        Assert.Equal("lee.morgan@example.gov.uk", root.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString());
        Assert.Equal("delivery@example.gov.uk", root.GetProperty("from").GetProperty("email").GetString());
        // v3 allows the subject per personalization (what MailHelper writes) or at the top level.
        var subject = root.GetProperty("personalizations")[0].TryGetProperty("subject", out var own) ? own : root.GetProperty("subject");
        Assert.Equal("Approval needed: Laptops", subject.GetString());
        var content = root.GetProperty("content").EnumerateArray().ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("value").GetString());
        Assert.Equal("Decide", content["text/plain"]);
        Assert.Equal("<p>Decide</p>", content["text/html"]);
        Assert.Equal(["approval-request"], root.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.False(root.TryGetProperty("custom_args", out _));
    }

    [Fact]
    public async Task Refused_send_throws_so_the_outbox_releases_its_claim_and_a_retry_sends()
    {
        _sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(500));
        var sender = new SendGridEmailSender(Options.Create(new EmailSettings
        {
            FromAddress = "delivery@example.gov.uk",
            SendGridApiKey = "SG.test-key",
            SendGridBaseUrl = new Uri(_sendGrid.Url!),
        }));

        await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync(
            new EmailMessage(new EmailAddress("a@example.gov.uk", "A"), "S", "<p>H</p>", "T", "approval-request"), CancellationToken.None));
    }
}
