namespace MLNet.Seq2Seq.Tests.Examples;

/// <summary>The project file of a console app as `dotnet new console` makes it, with warnings as errors.</summary>
internal static class ConsoleProject
{
    /// <summary>The project file text with <paramref name="references"/> (PackageReference or ProjectReference elements) in its item group.</summary>
    public static string File(params string[] references) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
        {string.Join("\n", references.Select(r => "    " + r))}
          </ItemGroup>
        </Project>
        """;
}
