// dupn: the Dupn.MLNet command-line tool.
using System.Reflection;

string version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
if (args.Length == 1 && args[0] is "--version")
{
    Console.WriteLine(version);
    return 0;
}
Console.Error.WriteLine($"dupn {version}: no command given. Commands arrive with the front-door work.");
return 2;
