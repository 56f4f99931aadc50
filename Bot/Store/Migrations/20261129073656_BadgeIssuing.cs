using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Store.Migrations
{
    /// <inheritdoc />
    public partial class BadgeIssuing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsCounsellor",
                table: "People",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "IssueEmail",
                table: "BadgeRequests",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IssueError",
                table: "BadgeRequests",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "IssuedAt",
                table: "BadgeRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceiveUrl",
                table: "BadgeRequests",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_IsCounsellor",
                table: "People",
                column: "IsCounsellor");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_IsCounsellor",
                table: "People");

            migrationBuilder.DropColumn(
                name: "IsCounsellor",
                table: "People");

            migrationBuilder.DropColumn(
                name: "IssueEmail",
                table: "BadgeRequests");

            migrationBuilder.DropColumn(
                name: "IssueError",
                table: "BadgeRequests");

            migrationBuilder.DropColumn(
                name: "IssuedAt",
                table: "BadgeRequests");

            migrationBuilder.DropColumn(
                name: "ReceiveUrl",
                table: "BadgeRequests");
        }
    }
}
