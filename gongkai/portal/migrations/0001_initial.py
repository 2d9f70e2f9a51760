import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("agencies", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=80, unique=True)),
                ("item_id", models.BigIntegerField(blank=True, db_index=True, null=True)),
                ("title", models.TextField()),
                ("body", models.TextField(blank=True)),
                ("url", models.CharField(max_length=300)),
                ("agency_code", models.CharField(max_length=40)),
                ("agency_name", models.CharField(blank=True, max_length=200)),
                ("column_slug", models.CharField(blank=True, max_length=80)),
                ("column_name", models.CharField(blank=True, max_length=200)),
                ("index_number", models.CharField(blank=True, max_length=100)),
                ("document_number", models.CharField(blank=True, max_length=200)),
                ("published_date", models.DateField(blank=True, null=True)),
                ("validity", models.CharField(blank=True, max_length=20)),
                ("title_tokens", models.TextField(blank=True)),
                ("body_tokens", models.TextField(blank=True)),
                ("indexed_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "检索文档",
                "verbose_name_plural": "检索文档",
                "indexes": [
                    models.Index(fields=["agency_code", "published_date"], name="portal_sd_agency_date"),
                    models.Index(
                        fields=["agency_code", "column_slug", "published_date"], name="portal_sd_column_date"
                    ),
                    models.Index(fields=["published_date"], name="portal_sd_date"),
                ],
            },
        ),
        migrations.CreateModel(
            name="Channel",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("webhook", "HTTP 推送（Webhook）"),
                            ("wechat", "微信公众号"),
                            ("weibo", "政务微博"),
                            ("short_video", "短视频平台"),
                        ],
                        default="webhook",
                        max_length=20,
                        verbose_name="渠道类型",
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="渠道名称")),
                ("enabled", models.BooleanField(default=True, verbose_name="启用")),
                ("config", models.JSONField(blank=True, default=dict, verbose_name="配置")),
                ("version", models.PositiveIntegerField(default=1)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="channels", to="agencies.agency"
                    ),
                ),
            ],
            options={
                "verbose_name": "发布渠道",
                "verbose_name_plural": "发布渠道",
                "ordering": ["agency", "name"],
            },
        ),
    ]
