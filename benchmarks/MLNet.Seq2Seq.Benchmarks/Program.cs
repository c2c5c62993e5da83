Console.WriteLine("benchmarks: nothing registered yet");
