namespace Delivery.Functions.App.Auth;

/// <summary>
/// Marks a function that serves pages to people: a visitor who is not signed in is sent to sign in and brought
/// back, instead of getting an API's bare 401 (<see cref="PageSignIn"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = true)]
public sealed class SignInPageAttribute : Attribute;
