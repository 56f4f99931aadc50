using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Store.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class CounsellorSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "GroupCounsellors",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                // Rows from before: the counsellors an earlier version knew, made counsellors of the first group by the upgrade.
                defaultValue: "Upgrade");

            migrationBuilder.AddColumn<string>(
                name: "Groups",
                table: "CounsellorSession",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Source",
                table: "GroupCounsellors");

            migrationBuilder.DropColumn(
                name: "Groups",
                table: "CounsellorSession");
        }
    }
}
