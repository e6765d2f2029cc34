namespace ClassicML.Notebooks.Tests;

/// <summary>A missing prerequisite skips a test on a developer machine (with the install hint) and fails it in CI.</summary>
public class PrerequisitesTests
{
    private const string Hint = "Chromium is not installed; install it with `sudo apt-get install chromium`.";

    [Fact]
    public void Missing_on_a_developer_machine_is_a_skip_carrying_the_install_hint()
    {
        var skip = Assert.Throws<SkipException>(() => Prerequisites.Require(Hint, inCi: false));
        Assert.Equal(Hint, skip.Message);
    }

    [Fact]
    public void Missing_in_ci_is_a_failure()
    {
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Prerequisites.Require(Hint, inCi: true));
        Assert.IsNotType<SkipException>(failure);
        Assert.Contains("CI=true", failure.Message);
        Assert.Contains("apt-get install chromium", failure.Message);
    }

    [Fact]
    public void Present_is_neither()
    {
        Prerequisites.Require(null, inCi: true);
        Prerequisites.Require(null, inCi: false);
    }
}
