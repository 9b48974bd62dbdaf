// dupn: the Dupn.MLNet command-line tool. Each command lives in Commands/; this file only
// dispatches and turns mistakes into one clear line on stderr.
using Dupn.MLNet.Cli;

return DupnCli.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
