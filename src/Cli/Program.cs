// dupn: the Dupn.MLNet command-line tool. Each command and its flags live in Commands/; DupnCli
// parses (System.CommandLine) and turns mistakes into one clear line on stderr.
using Dupn.MLNet.Cli;

return DupnCli.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
