using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Store.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class DiscordGlobalLimit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DiscordGlobalLimit",
                columns: table => new
                {
                    ApplicationId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Sent = table.Column<DateTimeOffset[]>(type: "timestamp with time zone[]", nullable: false),
                    BlockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiscordGlobalLimit", x => x.ApplicationId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DiscordGlobalLimit");
        }
    }
}
