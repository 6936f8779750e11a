using System.Reflection;
using AccountAccess.Functions.Http;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// One function of the app: its name, the method that runs it, its trigger and, for an HTTP function, the request rules
/// its attributes ask for (<see cref="HttpRules"/>).
/// </summary>
public sealed record FunctionEntry(string Name, MethodInfo Method, FunctionTrigger Trigger, HttpRules Http);
