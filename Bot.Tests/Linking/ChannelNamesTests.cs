using Bot.Channels.Discord;
using Bot.Channels.Teams;
using Bot.Channels.WebChat;
using Bot.Dialogs.People;

namespace Bot.Tests.Linking;

/// <summary>The channels' ids are the hosts'; their French names, the dialogs'. These keep them in step.</summary>
public class ChannelNamesTests
{
    [Fact]
    public void EveryChannelOfTheHost_HasItsFrenchName()
    {
        Assert.Equal("le chat du site", ChannelNames.French(ActivityMapper.Channel));
        Assert.Equal("Discord", ChannelNames.French(DiscordMapper.Channel));
        Assert.Equal("Teams", ChannelNames.French(TeamsMapper.Channel));
    }

    [Fact]
    public void SeveralChannels_ReadAsAFrenchList_EachOnce()
    {
        Assert.Equal("le chat du site, Discord et Teams", ChannelNames.List(["webchat", "discord", "webchat", "teams"]));
        Assert.Equal("Discord", ChannelNames.List(["discord"]));
    }
}
