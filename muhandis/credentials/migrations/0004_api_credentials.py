import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('credentials', '0003_status_lists'),
    ]

    operations = [
        migrations.CreateModel(
            name='ApiCredential',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('credential_id', models.CharField(max_length=500, unique=True, verbose_name='credential id')),
                ('revocation_index', models.PositiveIntegerField()),
                ('suspension_index', models.PositiveIntegerField()),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('issued_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('revocation_list', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='credentials.statuslist')),
                ('suspension_list', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='credentials.statuslist')),
            ],
            options={
                'verbose_name': 'credential issued through the VC API',
                'verbose_name_plural': 'credentials issued through the VC API',
                'constraints': [models.UniqueConstraint(fields=('revocation_list', 'revocation_index'), name='credentials_api_revocation_slot'), models.UniqueConstraint(fields=('suspension_list', 'suspension_index'), name='credentials_api_suspension_slot')],
            },
        ),
    ]
